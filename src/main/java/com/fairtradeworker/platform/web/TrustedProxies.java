package com.fairtradeworker.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} we believe (CloudFront and the ALB in production), as IP addresses or CIDR
 * ranges. Only literal addresses are accepted: host names would make the check depend on DNS.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F]*:[0-9a-fA-F:.]*(/\\d{1,3})?$");

    private final List<Range> ranges;

    public TrustedProxies(List<String> cidrs) {
        this.ranges = cidrs.stream().map(Range::parse).toList();
    }

    public static boolean isValidCidr(String cidr) {
        try {
            Range.parse(cidr);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean contains(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    private record Range(byte[] network, int prefixLength) {

        static Range parse(String cidr) {
            String value = cidr == null ? "" : cidr.trim();
            if (!IPV4.matcher(value).matches() && !IPV6.matcher(value).matches()) {
                throw new IllegalArgumentException("not an IP literal or CIDR: " + cidr);
            }
            int slash = value.indexOf('/');
            byte[] address = literal(slash < 0 ? value : value.substring(0, slash));
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(value.substring(slash + 1));
            if (prefix > address.length * 8) {
                throw new IllegalArgumentException("prefix too long: " + cidr);
            }
            return new Range(address, prefix);
        }

        private static byte[] literal(String address) {
            try {
                return InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup happens
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP literal: " + address);
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - remainingBits);
            return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
