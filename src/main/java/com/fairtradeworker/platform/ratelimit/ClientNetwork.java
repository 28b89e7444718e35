package com.fairtradeworker.platform.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a per-IP limit counts against. An IPv4 client is its address. An IPv6 client is its /64 network: a subscriber
 * usually holds a whole /64 and could otherwise rotate through billions of addresses to reset the limit.
 */
final class ClientNetwork {

    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+$");

    private ClientNetwork() {}

    static String of(String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            throw new IllegalArgumentException("A client IP is required");
        }
        String ip = clientIp.trim();
        if (IPV4.matcher(ip).matches() || !ip.contains(":") || !IPV6.matcher(ip).matches()) {
            return ip; // only literals are parsed below: a host name would make the key depend on DNS
        }
        try {
            InetAddress address = InetAddress.getByName(ip);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress(); // an IPv4-mapped IPv6 address is its IPv4 client
            }
            byte[] network = new byte[8];
            System.arraycopy(address.getAddress(), 0, network, 0, 8);
            return HexFormat.of().formatHex(network) + "/64";
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
