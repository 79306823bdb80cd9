package dev.clausewatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address policy decides from address bytes alone: nothing here connects anywhere. */
class AddressPolicyTest {
    private final AddressPolicy policy = new AddressPolicy(false);

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback", "127.10.20.30|loopback", "10.1.2.3|private", "172.16.0.1|private", "172.31.255.255|private",
            "192.168.1.1|private", "100.64.0.1|carrier-grade NAT", "169.254.169.254|cloud metadata", "169.254.1.1|link-local",
            "0.0.0.0|unspecified", "224.0.0.1|multicast", "239.255.255.250|multicast", "255.255.255.255|broadcast",
            "240.0.0.1|reserved", "100.100.100.200|carrier-grade NAT", "::1|loopback", "::|unspecified", "fe80::1|link-local",
            "fc00::1|unique local", "fd12:3456::1|unique local", "fd00:ec2::254|cloud metadata", "ff02::1|multicast",
            "::ffff:127.0.0.1|loopback", "::ffff:10.0.0.1|private", "::ffff:169.254.169.254|cloud metadata",
            "2002:7f00:1::1|loopback", "2002:a9fe:a9fe::1|cloud metadata", "64:ff9b::a00:1|private", "::10.0.0.1|private",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2|Teredo", "64:ff9b:1::a00:1|local-use NAT64", "64:ff9b:1:ffff::1|local-use NAT64",
            "::ffff:0:a9fe:a9fe|cloud metadata", "::ffff:0:7f00:1|loopback", "::ffff:0:a00:1|private"})
    void refuses(String address, String reason) throws Exception {
        assertThat(policy.refusal(InetAddress.getByName(address))).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946",
            "2a00:1450:4001:82a::200e", "::ffff:93.184.216.34"})
    void allows_public_unicast(String address) throws Exception {
        assertThat(policy.refusal(InetAddress.getByName(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void allows_loopback_only_when_configured(String address) throws Exception {
        assertThat(new AddressPolicy(true).refusal(InetAddress.getByName(address))).isEmpty();
        assertThat(new AddressPolicy(true).refusal(InetAddress.getByName("10.0.0.1"))).isPresent();
    }
}
