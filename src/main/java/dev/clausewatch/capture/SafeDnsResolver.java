package dev.clausewatch.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host into addresses: resolves once, keeps the addresses the
 * {@link AddressPolicy} allows, and hands exactly those to the connection, so what was checked is
 * what is connected to (no second lookup, no rebinding in between). Used for the first request and
 * every redirect alike.
 */
final class SafeDnsResolver implements DnsResolver {

    /** A host whose every address is refused by the policy. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    private final HostResolver resolver;
    private final AddressPolicy policy;

    SafeDnsResolver(HostResolver resolver, AddressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = resolver.resolve(host);
        List<InetAddress> allowed = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (InetAddress address : all) {
            policy.refusal(address).ifPresentOrElse(refusals::add, () -> allowed.add(address));
        }
        if (!refusals.isEmpty()) {
            // One bad address is enough to refuse the host: a name that mixes public and private
            // addresses is how DNS rebinding attacks look.
            throw new RefusedAddressException("refused to connect to " + host + ": " + String.join("; ", refusals));
        }
        if (allowed.isEmpty()) throw new UnknownHostException(host + " has no address");
        return allowed.toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getCanonicalHostName();
    }
}
