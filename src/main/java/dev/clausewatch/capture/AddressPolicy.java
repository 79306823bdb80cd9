package dev.clausewatch.capture;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses a capture may connect to: public unicast only. Refuses loopback (unless
 * configured, for tests), private and unique-local, carrier-grade NAT, link-local (which holds the
 * cloud metadata address 169.254.169.254), multicast, unspecified, broadcast and reserved ranges,
 * known metadata addresses outside those, and the IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, SIIT, IPv4-compatible, 6to4, NAT64), judged by the address they embed; the
 * local-use NAT64 prefix, whose translation is a network's own, is refused whole. Pure: it decides
 * from the address bytes, never by connecting.
 */
public final class AddressPolicy {
    private final boolean allowLoopback;

    public AddressPolicy(boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** Why this address is refused, or empty when a capture may connect to it. */
    public Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return refusal(ipv4(embedded.get())).map(reason -> reason + ", embedded in IPv6 address " + address.getHostAddress());
            }
            return refusalIpv6(address, b);
        }
        return refusalIpv4(b);
    }

    private Optional<String> refusalIpv4(byte[] b) {
        int a0 = b[0] & 0xff, a1 = b[1] & 0xff, a2 = b[2] & 0xff, a3 = b[3] & 0xff;
        String ip = a0 + "." + a1 + "." + a2 + "." + a3;
        if (a0 == 127) return allowLoopback ? Optional.empty() : refuse(ip, "loopback");
        if (a0 == 0) return refuse(ip, "unspecified (\"this network\")");
        if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) return refuse(ip, "private");
        if (a0 == 100 && a1 >= 64 && a1 <= 127) return refuse(ip, "carrier-grade NAT (shared)");
        if (a0 == 169 && a1 == 254) return refuse(ip, a2 == 169 && a3 == 254 ? "cloud metadata (link-local)" : "link-local");
        if (a0 == 192 && a1 == 0 && a2 == 0) return refuse(ip, "IETF protocol assignments");
        if (a0 == 198 && (a1 == 18 || a1 == 19)) return refuse(ip, "benchmarking");
        if (a0 >= 224 && a0 <= 239) return refuse(ip, "multicast");
        if (a0 >= 240) return refuse(ip, a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255 ? "broadcast" : "reserved");
        if (ip.equals("100.100.100.200") || ip.equals("192.0.0.192")) return refuse(ip, "cloud metadata");
        return Optional.empty();
    }

    private Optional<String> refusalIpv6(InetAddress address, byte[] b) {
        String ip = address.getHostAddress();
        if (address.isLoopbackAddress()) return allowLoopback ? Optional.empty() : refuse(ip, "loopback");
        if (address.isAnyLocalAddress()) return refuse(ip, "unspecified");
        if (address.isMulticastAddress()) return refuse(ip, "multicast");
        if (address.isLinkLocalAddress() || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80)) return refuse(ip, "link-local");
        if ((b[0] & 0xfe) == 0xfc) {
            return refuse(ip, isEc2Metadata(b) ? "cloud metadata (unique local)" : "unique local (private)");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) return refuse(ip, "site-local (deprecated private)");
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) return refuse(ip, "Teredo (hides its IPv4 address)");
        if ((b[0] & 0xff) == 0x01 && allZero(b, 1, 8)) return refuse(ip, "discard-only");
        // RFC 8215: a network's own translator, whose IPv4 side (and where it puts the IPv4 bits) cannot be judged from here.
        if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
            return refuse(ip, "local-use NAT64 (translates to an IPv4 address that cannot be judged)");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address inside IPv4-mapped (::ffff:a.b.c.d), SIIT IPv4-translated (::ffff:0:a.b.c.d),
     * IPv4-compatible (::a.b.c.d), 6to4 (2002:ab:cd::) and well-known NAT64 (64:ff9b::a.b.c.d).
     */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return Optional.of(slice(b, 12));
        if (allZero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && b[10] == 0 && b[11] == 0) return Optional.of(slice(b, 12));
        if (allZero(b, 0, 12) && !(allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) return Optional.of(slice(b, 12));
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) return Optional.of(slice(b, 2));
        if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
            return Optional.of(slice(b, 12));
        }
        return Optional.empty();
    }

    private static boolean isEc2Metadata(byte[] b) {
        // fd00:ec2::254
        return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && allZero(b, 4, 14) && (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    private static InetAddress ipv4(byte[] b) {
        try {
            return Inet4Address.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes always make an IPv4 address", e);
        }
    }

    private static Optional<String> refuse(String ip, String why) {
        return Optional.of(ip + " is " + why);
    }
}
