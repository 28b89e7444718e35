package com.fairtradeworker.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpResolverTest {

    // Production: CloudFront, then the ALB inside the VPC.
    private final ClientIpResolver resolver =
            new ClientIpResolver(new TrustedProxies(List.of("10.0.0.0/16", "130.176.0.0/16")));

    @Test
    void untrustedPeerIsTheClientWhateverItClaims() {
        assertThat(resolver.resolve(request("203.0.113.9", "1.2.3.4"))).isEqualTo("203.0.113.9");
    }

    @Test
    void throughTwoTrustedHopsTheFirstUntrustedAddressFromTheRightIsTheClient() {
        assertThat(resolver.resolve(request("10.0.1.5", "198.51.100.7, 130.176.4.2")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void addressesTheClientPrependsAreIgnored() {
        assertThat(resolver.resolve(request("10.0.1.5", "6.6.6.6, 198.51.100.7, 130.176.4.2")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void garbageInTheHeaderStopsAtTheLastTrustedHop() {
        assertThat(resolver.resolve(request("10.0.1.5", "evil.example, 130.176.4.2")))
                .isEqualTo("130.176.4.2");
    }

    @Test
    void trustedPeerWithoutHeaderIsItself() {
        assertThat(resolver.resolve(request("10.0.1.5", null))).isEqualTo("10.0.1.5");
    }

    @Test
    void cidrParsing() {
        assertThat(TrustedProxies.isValidCidr("10.0.0.0/8")).isTrue();
        assertThat(TrustedProxies.isValidCidr("::1")).isTrue();
        assertThat(TrustedProxies.isValidCidr("2600:9000::/28")).isTrue();
        assertThat(TrustedProxies.isValidCidr("10.0.0.0/33")).isFalse();
        assertThat(TrustedProxies.isValidCidr("localhost")).isFalse();
        assertThat(TrustedProxies.isValidCidr("")).isFalse();
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
