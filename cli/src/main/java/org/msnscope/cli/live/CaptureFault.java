package org.msnscope.cli.live;

import java.util.List;
import java.util.Locale;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.read.CaptureRun;
import org.pcap4j.core.PcapNativeException;

/**
 * Why a capture that had started stopped on its own, as one line and an exit code. libpcap's
 * failures are the input's: the interface went away (a USB adapter pulled, a veth or a network
 * namespace deleted, a VPN's tun closed) or the capture failed otherwise; either way what was
 * captured was decoded and saved, and the run ends as {@code read} does on a capture it could not
 * read to its end, with {@link ExitCodes#INPUT_ERROR}. Anything else is a defect
 * ({@link ExitCodes#INTERNAL}).
 */
record CaptureFault(String message, int exitCode) {
    /**
     * libpcap's words (lower case) for an interface that is gone or down: pcap-linux says "The
     * interface disappeared" (ENODEV) and "The interface went down" (ENETDOWN); other platforms and
     * versions say what errno says.
     */
    static final List<String> INTERFACE_GONE = List.of("interface disappeared", "interface went down", "no such device",
            "network is down", "device not configured", "enxio", "enodev", "enetdown");
    /** pcap4j's prefix before libpcap's own words. */
    private static final String PCAP4J_PREFIX = "Error occurred: ";

    static CaptureFault of(String iface, Throwable t) {
        if (!(t instanceof PcapNativeException)) {
            return new CaptureFault("capture stopped: " + CaptureRun.oneLine(t), ExitCodes.INTERNAL);
        }
        String words = CaptureRun.oneLine(t).trim();
        if (words.startsWith(PCAP4J_PREFIX)) {
            words = words.substring(PCAP4J_PREFIX.length());
        }
        String lower = words.toLowerCase(Locale.ROOT);
        boolean gone = INTERFACE_GONE.stream().anyMatch(lower::contains);
        return new CaptureFault(iface + (gone ? ": the interface went away during the capture (" : ": the capture failed (")
                + words + ")", ExitCodes.INPUT_ERROR);
    }
}
