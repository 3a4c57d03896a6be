package org.msnscope.capture.read;

import java.io.IOException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.msnscope.capture.CaptureFileReader;
import org.msnscope.capture.CaptureFormat;
import org.msnscope.capture.InterfaceInfo;
import org.msnscope.capture.RawPacket;

/**
 * One input that holds several captures one after the other (files concatenated with {@code cat},
 * pcap and pcapng mixed): reads each with its own reader in turn. Format, version and gzip are the
 * first capture's; the interfaces are all of them, in file order; frame numbers run on.
 */
final class ChainedReader implements CaptureFileReader {
    private final List<CaptureFileReader> readers = new ArrayList<>();
    private CaptureFileReader current;

    ChainedReader(CaptureFileReader first) {
        readers.add(first);
        current = first;
    }

    /** A reader that can find another capture after its own in the same input. */
    interface Successive extends CaptureFileReader {
        /** The reader of what followed this capture, once {@link #next} has returned false for it; or null. */
        CaptureFileReader successor();
    }

    @Override
    public boolean next(RawPacket into) throws IOException {
        while (true) {
            if (current.next(into)) {
                return true;
            }
            CaptureFileReader after = current instanceof Successive s ? s.successor() : null;
            if (after == null) {
                return false;
            }
            readers.add(after);
            current = after;
        }
    }

    @Override
    public String name() {
        return readers.get(0).name();
    }

    @Override
    public CaptureFormat format() {
        return readers.get(0).format();
    }

    @Override
    public String version() {
        return readers.get(0).version();
    }

    @Override
    public boolean gzipped() {
        return readers.get(0).gzipped();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return all;
    }

    private final List<InterfaceInfo> all = new AbstractList<>() {
            @Override
            public InterfaceInfo get(int index) {
                for (CaptureFileReader r : readers) {
                    List<InterfaceInfo> own = r.interfaces();
                    if (index < own.size()) {
                        return own.get(index);
                    }
                    index -= own.size();
                }
                throw new IndexOutOfBoundsException(index);
            }

            @Override
            public int size() {
                int n = 0;
                for (CaptureFileReader r : readers) {
                    n += r.interfaces().size();
                }
                return n;
            }
        };

    @Override
    public void close() throws IOException {
        // the readers share one input: closing one closes it
        current.close();
    }
}
