package org.msnscope.cli.live;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.msnscope.cli.ExitCodes;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;

/**
 * The libpcap side of live capture, through pcap4j: listing devices and opening one, with every
 * failure a person meets turned into one line and a distinct exit code.
 */
final class Pcap {
    private Pcap() {
    }

    /** A failure with its exit code and the line to print. */
    static final class Failure extends Exception {
        final int code;

        Failure(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** One capture device. */
    record Device(String name, String description, List<String> addresses, boolean loopback) {
    }

    static List<Device> devices() throws Failure {
        List<PcapNetworkInterface> all;
        try {
            all = Pcaps.findAllDevs();
        } catch (PcapNativeException e) {
            throw classify(e.getMessage(), null);
        } catch (LinkageError e) {
            throw noLibpcap(e);
        }
        List<Device> out = new ArrayList<>();
        for (PcapNetworkInterface n : all) {
            List<String> addrs = new ArrayList<>();
            for (PcapAddress a : n.getAddresses()) {
                InetAddress ia = a.getAddress();
                if (ia != null) {
                    addrs.add(ia.getHostAddress());
                }
            }
            out.add(new Device(n.getName(), n.getDescription(), addrs, n.isLoopBack()));
        }
        return out;
    }

    /**
     * Milliseconds libpcap may wait to fill a buffer block before handing it over. Immediate mode would
     * hand over each packet at once, but on Linux it makes every slot of the ring snaplen-sized, so a
     * burst of small packets overflows it (measured on loopback: 25% of a replay's packets dropped by
     * the kernel with a 2 MiB buffer); packed blocks with a short timeout keep every packet and still
     * deliver within this bound.
     */
    static final int BLOCK_TIMEOUT_MILLIS = 10;
    /** Kernel capture buffer by default. */
    static final int DEFAULT_BUFFER_BYTES = 32 << 20;

    /** Opens {@code name} for capture. */
    static PcapHandle open(String name, int snaplen, int bufferBytes) throws Failure {
        List<Device> devices = devices();
        if (devices.stream().noneMatch(d -> d.name().equals(name))) {
            throw new Failure(ExitCodes.NO_SUCH_INTERFACE, "no capture interface \"" + name + "\"; there are: "
                    + String.join(", ", devices.stream().map(Device::name).toList())
                    + " (msnscope interfaces lists them)");
        }
        try {
            PcapHandle h = new PcapHandle.Builder(name).snaplen(snaplen)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS).timeoutMillis(BLOCK_TIMEOUT_MILLIS)
                    .bufferSize(bufferBytes).build();
            h.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return h;
        } catch (org.pcap4j.core.NotOpenException e) {
            throw new Failure(ExitCodes.INTERNAL, "the capture handle on " + name + " closed as it opened");
        } catch (PcapNativeException e) {
            throw classify(e.getMessage(), name);
        } catch (LinkageError e) {
            throw noLibpcap(e);
        }
    }

    /** Compiles and sets the filter. */
    static void filter(PcapHandle h, String bpf) throws Failure {
        try {
            h.setFilter(bpf, BpfProgram.BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException e) {
            throw new Failure(ExitCodes.BAD_FILTER, "the filter \"" + bpf + "\" does not compile: " + oneLine(e.getMessage()));
        } catch (org.pcap4j.core.NotOpenException e) {
            throw new Failure(ExitCodes.INTERNAL, "the capture handle closed before its filter was set");
        }
    }

    private static Failure noLibpcap(Throwable e) {
        String m = oneLine(e.getMessage());
        int q = m.indexOf("Unable to load library '");
        if (q >= 0) {
            int end = m.indexOf('\'', q + 24);
            m = end > 0 ? m.substring(q, end + 1) : m;
        }
        return new Failure(ExitCodes.NO_LIBPCAP, "libpcap is not installed (" + m
                + "); install it, e.g. apt-get install libpcap0.8 (Debian/Ubuntu) or dnf install libpcap");
    }

    private static Failure classify(String message, String device) {
        String m = message == null ? "" : message;
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("permission") || lower.contains("operation not permitted") || lower.contains("eperm")) {
            return new Failure(ExitCodes.NO_PERMISSION, "not allowed to capture" + (device != null ? " on " + device : "")
                    + " (" + oneLine(m) + "): run as root, or grant java the capabilities with"
                    + " setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))");
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist")) {
            return new Failure(ExitCodes.NO_SUCH_INTERFACE, "no capture interface \"" + device + "\": " + oneLine(m));
        }
        if (lower.contains("libpcap") || lower.contains("unable to load library")) {
            return new Failure(ExitCodes.NO_LIBPCAP, "libpcap is not installed (" + oneLine(m)
                    + "); install it, e.g. apt-get install libpcap0.8");
        }
        return new Failure(ExitCodes.NO_PERMISSION, "cannot capture" + (device != null ? " on " + device : "") + ": "
                + oneLine(m));
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
