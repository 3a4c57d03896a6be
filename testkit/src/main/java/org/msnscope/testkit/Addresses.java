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

    /** Writes an address as a scenario does: dotted IPv4, or IPv6 with the longest zero run as {@code ::}. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }

    /** {@code a.b.c.d:port} or {@code [IPv6]:port}, the way a {@code .scn} conn line writes an endpoint. */
    static String endpoint(byte[] address, int port) {
        String host = format(address);
        return (address.length == 16 ? "[" + host + "]" : host) + ":" + port;
    }
}
