package com.fairtradeworker.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The client's IP address. {@code X-Forwarded-For} is read only when the direct peer is a trusted proxy, and then from
 * the right, skipping trusted proxies, so a client cannot choose its own address by sending the header.
 */
public final class ClientIpResolver {

    private final TrustedProxies trustedProxies;

    public ClientIpResolver(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return peer;
        }
        String forwardedFor = request.getHeader("X-Forwarded-For");
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        List<String> hops = List.of(forwardedFor.split(","));
        String candidate = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).trim();
            if (!isIpLiteral(hop)) {
                return candidate; // garbage to the left of a trusted hop is the client's own text
            }
            candidate = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return candidate;
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = parse(address);
        return parsed != null && trustedProxies.contains(parsed);
    }

    private static boolean isIpLiteral(String value) {
        return TrustedProxies.isValidCidr(value) && !value.contains("/");
    }

    private static InetAddress parse(String address) {
        if (address == null || !isIpLiteral(address)) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
