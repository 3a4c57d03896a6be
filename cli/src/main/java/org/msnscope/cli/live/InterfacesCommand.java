package org.msnscope.cli.live;

import java.util.List;
import java.util.concurrent.Callable;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import picocli.CommandLine.Command;

/** {@code msnscope interfaces}: the capture devices libpcap sees. */
@Command(name = "interfaces", mixinStandardHelpOptions = true,
        description = "List the capture interfaces libpcap sees: name, addresses, description (for live -i).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "4:libpcap is not installed", "5:not allowed to list devices", "70:internal error"})
public final class InterfacesCommand implements Callable<Integer>, Streams.Aware {
    private Streams streams;

    @Override
    public void streams(Streams s) {
        streams = s;
    }

    @Override
    public Integer call() {
        List<Pcap.Device> devices;
        try {
            devices = Pcap.devices();
        } catch (Pcap.Failure f) {
            streams.error(f.getMessage());
            return f.code;
        }
        if (devices.isEmpty()) {
            streams.error("libpcap sees no capture interfaces (run as root, or grant java CAP_NET_RAW and CAP_NET_ADMIN)");
            return ExitCodes.NO_PERMISSION;
        }
        for (Pcap.Device d : devices) {
            StringBuilder line = new StringBuilder(d.name());
            if (!d.addresses().isEmpty()) {
                line.append("  ").append(String.join(" ", d.addresses()));
            }
            if (d.loopback()) {
                line.append("  (loopback)");
            }
            if (d.description() != null && !d.description().isBlank()) {
                line.append("  ").append(d.description());
            }
            streams.out().println(line);
        }
        streams.out().flush();
        return ExitCodes.OK;
    }
}
