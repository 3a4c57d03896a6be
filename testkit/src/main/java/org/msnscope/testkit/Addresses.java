package org.msnscope.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses numeric IP address literals (never a host name, so nothing is looked up). */
final class Addresses {
    private Addresses() {
    }

    /**
     * Parses dotted IPv4 or an IPv6 literal. With {@code toIpv6}, an IPv4 address becomes
     * fd00::a.b.c.d so that a scenario written with IPv4 addresses can be generated over IPv6.
     */
    static byte[] parse(String text, boolean toIpv6) {
        byte[] address;
        if (text.indexOf(':') >= 0) {
            try {
                address = InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException | SecurityException e) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            if (address.length != 16) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
            return address;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        address = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            address[i] = (byte) v;
        }
        if (!toIpv6) {
            return address;
        }
        byte[] v6 = new byte[16];
        v6[0] = (byte) 0xfd;
        System.arraycopy(address, 0, v6, 12, 4);
        return v6;
    }
}
