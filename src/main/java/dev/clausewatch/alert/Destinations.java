package dev.clausewatch.alert;

import dev.clausewatch.capture.AddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where a webhook may be posted: http or https to a host whose every address capture's
 * {@link AddressPolicy} accepts, so that an organisation cannot make the server post to its own
 * network (metadata endpoints, private services). Checked when a channel is added and again before
 * every post, since a name can be pointed elsewhere later; the HTTP client then resolves the name
 * once more, so a name changing within that moment is the remaining gap (see decision 0005).
 */
public final class Destinations {
    private final AddressPolicy policy;

    public Destinations(AddressPolicy policy) {
        this.policy = policy;
    }

    /** Why {@code url} may not be posted to, or empty when it may; a name that does not resolve is {@link UnknownHostException}. */
    public Optional<String> refusal(URI url) throws UnknownHostException {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            return Optional.of("a webhook is an http(s) URL, not " + url);
        }
        if (url.getHost() == null || url.getHost().isBlank()) return Optional.of("the webhook URL " + url + " names no host");
        if (url.getRawUserInfo() != null) return Optional.of("the webhook URL " + url + " carries a user name or password: put secrets in the path");
        for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
            Optional<String> refused = policy.refusal(address);
            if (refused.isPresent()) return Optional.of("the webhook URL " + url + " points inside the network: " + refused.get());
        }
        return Optional.empty();
    }

    /** The same check before a post: a refusal is permanent, a name that does not resolve transient. */
    void check(URI url) throws Sender.Failure {
        try {
            Optional<String> refused = refusal(url);
            if (refused.isPresent()) throw new Sender.Failure(refused.get(), false);
        } catch (UnknownHostException e) {
            throw new Sender.Failure("cannot resolve " + url.getHost() + ": " + e.getMessage(), true);
        }
    }
}
