package org.msnscope.decoder;

/**
 * Told when the traffic announces a host and port that a later connection will use: a switchboard
 * (XFR, RNG), a notification server (XFR NS), a direct-connection or MSNFTP listener. Live capture
 * widens its filter with it.
 */
@FunctionalInterface
public interface PortWatcher {
    /**
     * @param host the announced address as sent (an IP address or a host name)
     * @param port the announced port
     * @param what what announced it, e.g. {@code XFR SB}, {@code RNG}, {@code direct connection}, {@code MSNFTP}
     */
    void announced(String host, int port, String what);

    /** Watches nothing. */
    PortWatcher NONE = (host, port, what) -> { };

    /** Splits {@code host:port} (IPv6 in brackets) and reports it; ignores anything else. */
    static void announce(PortWatcher w, String hostPort, String what) {
        if (w == NONE || hostPort == null) {
            return;
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            return;
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port > 0 && port <= 65535) {
                w.announced(host, port, what);
            }
        } catch (NumberFormatException e) {
            // not a port: nothing to watch
        }
    }
}
