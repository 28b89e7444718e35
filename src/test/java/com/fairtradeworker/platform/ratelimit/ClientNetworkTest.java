package com.fairtradeworker.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void anIpv4ClientIsItsAddress() {
        assertThat(ClientNetwork.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void anIpv6ClientIsItsSlash64WhateverTheNotation() {
        assertThat(ClientNetwork.of("2001:db8:1:2::1"))
                .isEqualTo(ClientNetwork.of("2001:0db8:0001:0002:ffff:0:0:9"))
                .isEqualTo("20010db800010002/64");
        assertThat(ClientNetwork.of("2001:db8:1:3::1")).isNotEqualTo(ClientNetwork.of("2001:db8:1:2::1"));
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4Client() {
        assertThat(ClientNetwork.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void somethingThatIsNotALiteralIsKeptAsItIsWithoutALookup() {
        assertThat(ClientNetwork.of("example.com")).isEqualTo("example.com");
    }
}
