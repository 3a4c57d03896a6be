package org.msnscope.cli.tui;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every event of the run, kept small: in memory two longs per event (its kind, flags, flow and
 * conversation or transfer as interned ids, and where its record starts in the spill file); on disk,
 * in a temporary spill file, its time, packet number, where its packet is in the capture, its
 * timeline summary and its whole JSON line (docs/events.md). The timeline, the detail pane, search
 * and export read records back. One thread appends, any thread reads the first {@link #size()} rows.
 */
final class EventStore implements AutoCloseable {
    static final int ANOMALY = 1;
    static final int NOISE = 1 << 1;
    static final int C2S = 1 << 2;
    static final int S2C = 1 << 3;
    /** The row's second id is a transfer rather than a conversation. */
    static final int TRANSFER = 1 << 4;

    private static final int CHUNK_BITS = 15;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final long OFFSET_MASK = (1L << 48) - 1;
    private static final int CACHE_ROWS = 4096;

    final Ids flows = new Ids();
    final Ids conversations = new Ids();
    final Ids transfers = new Ids();
    final Ids accounts = new Ids();
    final SessionTree tree = new SessionTree();
    final Counters counters = new Counters();

    private volatile long[][] chunks = new long[16][];
    private volatile int size;
    private final Path spillPath;
    private final DataOutputStream spill;
    private long written;
    private boolean dirty;
    private final RandomAccessFile reader;
    private final Object spillLock = new Object();
    private byte[] roleOfFlow = new byte[1024];
    private int[] accountOfFlow = new int[1024];
    private final Map<Integer, Row> cache = new LinkedHashMap<>(CACHE_ROWS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Row> e) {
            return size() > CACHE_ROWS;
        }
    };

    /** One event's record as read back from the spill file. */
    record Row(int index, long tsNanos, int tsDigits, long frame, long packet, String summary, String json,
            Span span) {
    }

    /**
     * Where an event's bytes may have begun: the row of the command whose bytes they are (the event's
     * own for a command; for a message, MSNSLP or transfer event, the command that carried it; -1 for
     * none), and for a command the earlier packets of its direction ({@link Carriers#before}, pairs of
     * packet number and location, oldest first). The command's line and length come from its JSON.
     */
    record Span(long[] earlier, int command) {
        static final Span NONE = new Span(new long[0], -1);
    }

    /** Run-wide numbers for the status bar, written by the decoding thread. */
    static final class Counters {
        volatile long packets;
        volatile long flows;
        volatile long sessions;
        volatile long anomalies;
        volatile long bytesRead;
        volatile long bytesTotal;
        volatile boolean finished;
        /** Live: packets per second over the last second, and packets dropped (queue and kernel). */
        volatile long rate;
        volatile long drops;
        volatile String problem;
    }

    EventStore() throws IOException {
        spillPath = Files.createTempFile("msnscope-tui-", ".spill");
        spillPath.toFile().deleteOnExit();
        spill = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(spillPath.toFile()), 1 << 16));
        reader = new RandomAccessFile(spillPath.toFile(), "r");
    }

    /** Appends one event; returns its index. Only the decoding thread calls this. */
    int add(int kind, int flags, int flow, int second, long tsNanos, int tsDigits, long frame, long packet,
            String summary, byte[] json, Span span) {
        long offset;
        synchronized (spillLock) {
            offset = written;
            try {
                byte[] s = summary.getBytes(StandardCharsets.UTF_8);
                spill.writeLong(tsNanos);
                spill.writeByte(tsDigits);
                spill.writeLong(frame);
                spill.writeLong(packet);
                spill.writeInt(s.length);
                spill.write(s);
                spill.writeInt(json.length);
                spill.write(json);
                spill.writeShort(span.earlier().length);
                for (long v : span.earlier()) {
                    spill.writeLong(v);
                }
                spill.writeInt(span.command());
                written += 8 + 1 + 8 + 8 + 4 + s.length + 4 + json.length + 2 + 8L * span.earlier().length + 4;
                dirty = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int i = size;
        long[][] c = chunks;
        int chunk = i >>> CHUNK_BITS;
        if (chunk >= c.length) {
            c = java.util.Arrays.copyOf(c, c.length * 2);
        }
        if (c[chunk] == null) {
            c[chunk] = new long[2 * CHUNK];
        }
        int at = 2 * (i & (CHUNK - 1));
        c[chunk][at] = (offset & OFFSET_MASK) | (long) kind << 48 | (long) (flags & 0xFF) << 52;
        c[chunk][at + 1] = (flow & 0xFFFFFFL) | (long) (second & 0xFFFFFF) << 24;
        chunks = c;
        size = i + 1;
        return i;
    }

    /** Marks an earlier row as noise (the MSG command that carried a typing notification). */
    void addFlags(int index, int flags) {
        long[] c = chunks[index >>> CHUNK_BITS];
        int at = 2 * (index & (CHUNK - 1));
        c[at] |= (long) (flags & 0xFF) << 52;
    }

    /** Rows visible to readers. */
    int size() {
        return size;
    }

    private long a(int i) {
        return chunks[i >>> CHUNK_BITS][2 * (i & (CHUNK - 1))];
    }

    private long b(int i) {
        return chunks[i >>> CHUNK_BITS][2 * (i & (CHUNK - 1)) + 1];
    }

    int kind(int i) {
        return (int) (a(i) >>> 48) & 0xF;
    }

    int flags(int i) {
        return (int) (a(i) >>> 52) & 0xFF;
    }

    int flow(int i) {
        return (int) (b(i) & 0xFFFFFF);
    }

    /** The conversation id, or with {@link #TRANSFER} in the flags the transfer id; 0 for none. */
    int second(int i) {
        return (int) (b(i) >>> 24) & 0xFFFFFF;
    }

    /** The conversation a row belongs to (a transfer's is its negotiating conversation's), or 0. */
    int conversation(int i) {
        if ((flags(i) & TRANSFER) == 0) {
            return second(i);
        }
        return tree.conversationOfTransfer(second(i));
    }

    synchronized void flowSeen(int flow, String role, int account) {
        if (flow >= roleOfFlow.length) {
            int n = Math.max(flow + 1, roleOfFlow.length * 2);
            roleOfFlow = java.util.Arrays.copyOf(roleOfFlow, n);
            accountOfFlow = java.util.Arrays.copyOf(accountOfFlow, n);
        }
        if (role != null) {
            roleOfFlow[flow] = (byte) Role.of(role);
        }
        if (account > 0) {
            accountOfFlow[flow] = account;
        }
    }

    /** NS, SB, DS, P2P (a direct connection), or "" before the flow's role is known. */
    synchronized String role(int flow) {
        return flow < roleOfFlow.length ? Role.NAMES[roleOfFlow[flow]] : "";
    }

    synchronized int accountOf(int flow) {
        return flow < accountOfFlow.length ? accountOfFlow[flow] : 0;
    }

    /** The record of row {@code i}, from the cache or the spill file. */
    Row row(int i) {
        synchronized (cache) {
            Row r = cache.get(i);
            if (r != null) {
                return r;
            }
        }
        long offset = a(i) & OFFSET_MASK;
        Row r;
        synchronized (spillLock) {
            try {
                if (dirty) {
                    spill.flush();
                    dirty = false;
                }
                reader.seek(offset);
                r = read(i, reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        synchronized (cache) {
            cache.put(i, r);
        }
        return r;
    }

    private static Row read(int i, java.io.DataInput in) throws IOException {
        long ts = in.readLong();
        int digits = in.readByte();
        long frame = in.readLong();
        long packet = in.readLong();
        byte[] s = new byte[in.readInt()];
        in.readFully(s);
        byte[] j = new byte[in.readInt()];
        in.readFully(j);
        long[] earlier = new long[in.readShort()];
        for (int k = 0; k < earlier.length; k++) {
            earlier[k] = in.readLong();
        }
        int command = in.readInt();
        Span span = earlier.length == 0 && command < 0 ? Span.NONE : new Span(earlier, command);
        return new Row(i, ts, digits, frame, packet, new String(s, StandardCharsets.UTF_8),
                new String(j, StandardCharsets.UTF_8).stripTrailing(), span);
    }

    /** Reads rows {@code from} (inclusive) to {@code to} (exclusive) in order, for search and export. */
    void scan(int from, int to, java.util.function.Predicate<Row> each) throws IOException {
        if (from >= to) {
            return;
        }
        synchronized (spillLock) {
            if (dirty) {
                spill.flush();
                dirty = false;
            }
        }
        try (InputStream f = Files.newInputStream(spillPath)) {
            f.skipNBytes(a(from) & OFFSET_MASK);
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(f, 1 << 16));
            for (int i = from; i < to; i++) {
                Row r;
                try {
                    r = read(i, in);
                } catch (EOFException e) {
                    return;
                }
                if (!each.test(r)) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (spillLock) {
            spill.close();
            reader.close();
        }
        Files.deleteIfExists(spillPath);
    }

    /** Connection roles as the timeline shows them. */
    static final class Role {
        static final String[] NAMES = {"", "NS", "SB", "DS", "P2P", "HTTP"};

        private Role() {
        }

        static int of(String role) {
            for (int i = 1; i < NAMES.length; i++) {
                if (NAMES[i].equals(role)) {
                    return i;
                }
            }
            return 0;
        }
    }
}
