package io.chassis.core.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedNetworksTest {

    @Test
    void matchesAddressesInsideTheBlocksOnly() {
        TrustedNetworks networks = TrustedNetworks.parse(List.of("127.0.0.1/32", "10.1.0.0/17", "::1/128"));

        assertThat(networks.contains(at("127.0.0.1"))).isTrue();
        assertThat(networks.contains(at("127.0.0.2"))).isFalse();
        assertThat(networks.contains(at("10.1.127.255"))).isTrue();
        assertThat(networks.contains(at("10.1.128.0"))).isFalse();
        assertThat(networks.contains(at("::1"))).isTrue();
        assertThat(networks.contains(at("::2"))).isFalse();
    }

    @Test
    void anIpv4MappedIpv6CallerIsMatchedAsIpv4() {
        TrustedNetworks networks = TrustedNetworks.parse(List.of("127.0.0.1/32"));

        assertThat(networks.contains(at("::ffff:127.0.0.1"))).isTrue();
    }

    @Test
    void aBareAddressIsThatAddressAndSlashZeroIsEverything() {
        assertThat(TrustedNetworks.parse(List.of("192.168.1.5")).contains(at("192.168.1.5")))
                .isTrue();
        assertThat(TrustedNetworks.parse(List.of("192.168.1.5")).contains(at("192.168.1.6")))
                .isFalse();
        assertThat(TrustedNetworks.parse(List.of("0.0.0.0/0")).contains(at("8.8.8.8")))
                .isTrue();
        assertThat(TrustedNetworks.parse(List.of()).contains(at("127.0.0.1"))).isFalse();
    }

    @Test
    void hostNamesAndBadPrefixesAreRefusedWithoutALookup() {
        assertThat(TrustedNetworks.problem("localhost")).contains("not an IP address literal");
        assertThat(TrustedNetworks.problem("10.0.0.0/33")).contains("0..32");
        assertThat(TrustedNetworks.problem("::1/129")).contains("0..128");
        assertThat(TrustedNetworks.problem("10.0.0.0/x")).contains("prefix length");
        assertThat(TrustedNetworks.problem("10.0.0.0/8")).isNull();
    }

    private static InetSocketAddress at(String address) {
        return new InetSocketAddress(address, 1234);
    }
}
