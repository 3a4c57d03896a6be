package org.msnscope.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several capture files read as one capture in time order: rotated captures, or overlapping ones
 * taken at different points. Packets come out by timestamp, ties in file order, numbered 1..n
 * across the whole run.
 *
 * <p>A file that fails part-way never stops the run: the failure is reported as a fatal
 * {@code capture_file_error} {@link CaptureProblem}, that file is dropped, and the others are read
 * to their ends, so everything decodable before and after is kept.
 *
 * <p>Each source keeps its current packet as a view into its own buffer; the packet handed out
 * is the earliest of those, and only its source is advanced on the following call, so the view
 * stays valid until then as {@link PacketSource} promises.
 */
public final class MergedSource implements PacketSource {
    private enum State { NOT_STARTED, MERGING, ENDED, CLOSED }

    private final PacketSource[] sources;
    private final RawPacket[] heads;
    /** Min-heap of source indices with a current packet, by (timestamp, index). */
    private final int[] heap;
    private final CaptureProblemListener problems;
    private int heapSize;
    private int lastReturned = -1;
    private long frames;
    private boolean fatalErrors;
    private State state = State.NOT_STARTED;

    /**
     * @param sources the files in command-line order (their index becomes {@link RawPacket#fileIndex});
     *        this source owns them and closes each when it is done with it
     * @param problems receives a fatal {@code capture_file_error} for each source dropped on an error
     */
    public MergedSource(List<PacketSource> sources, CaptureProblemListener problems) {
        this.sources = sources.toArray(new PacketSource[0]);
        for (PacketSource s : this.sources) {
            if (s == null) {
                throw new IllegalArgumentException("null source");
            }
        }
        this.heads = new RawPacket[this.sources.length];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = new RawPacket();
        }
        this.heap = new int[this.sources.length];
        this.problems = problems != null ? problems : CaptureProblemListener.IGNORE;
    }

    /** Fills {@code into} with the earliest remaining packet; sets frameNumber (1-based) and fileIndex. */
    @Override
    public boolean next(RawPacket into) {
        switch (state) {
            case NOT_STARTED -> start();
            case MERGING -> advanceLast();
            case ENDED, CLOSED -> {
                return false;
            }
        }
        if (heapSize == 0) {
            state = State.ENDED;
            return false;
        }
        int i = heap[0];
        into.set(heads[i]);
        into.fileIndex = i;
        into.frameNumber = ++frames;
        lastReturned = i;
        return true;
    }

    /** True when some file could not be read to its end. */
    public boolean hadFatalErrors() {
        return fatalErrors;
    }

    private void start() {
        state = State.MERGING;
        for (int i = 0; i < sources.length; i++) {
            if (advance(i)) {
                heap[heapSize] = i;
                siftUp(heapSize++);
            }
        }
    }

    /** The packet handed out last is now consumed: move its source on and restore heap order. */
    private void advanceLast() {
        if (lastReturned < 0) {
            return;
        }
        int i = lastReturned;
        lastReturned = -1;
        if (!advance(i)) {
            heap[0] = heap[--heapSize];
        }
        if (heapSize > 0) {
            siftDown(0);
        }
    }

    /** Reads source i's next packet into its head; false (and the source closed) when it has none. */
    private boolean advance(int i) {
        PacketSource source = sources[i];
        try {
            if (source.next(heads[i])) {
                return true;
            }
        } catch (CaptureException e) {
            fail(source, e.offset(), e.reason());
        } catch (IOException e) {
            fail(source, -1, "read error (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            fail(source, -1, "reader failed (" + e + ")");
        }
        closeQuietly(source);
        return false;
    }

    private void fail(PacketSource source, long offset, String message) {
        fatalErrors = true;
        problems.problem(new CaptureProblem(source.name(), offset, "capture_file_error", message, true));
    }

    private boolean before(int a, int b) {
        long ta = heads[a].timestampNanos;
        long tb = heads[b].timestampNanos;
        return ta < tb || (ta == tb && a < b);
    }

    private void siftUp(int k) {
        int x = heap[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!before(x, heap[parent])) {
                break;
            }
            heap[k] = heap[parent];
            k = parent;
        }
        heap[k] = x;
    }

    private void siftDown(int k) {
        int x = heap[k];
        while (true) {
            int child = 2 * k + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], x)) {
                break;
            }
            heap[k] = heap[child];
            k = child;
        }
        heap[k] = x;
    }

    @Override
    public String name() {
        List<String> names = new ArrayList<>(sources.length);
        for (PacketSource s : sources) {
            names.add(s.name());
        }
        return String.join(", ", names);
    }

    @Override
    public void close() throws IOException {
        state = State.CLOSED;
        IOException first = null;
        for (PacketSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void closeQuietly(PacketSource source) {
        try {
            source.close();
        } catch (IOException | RuntimeException ignored) {
            // the source is finished either way; its read error, if any, was already reported
        }
    }
}
