package org.msnscope.decoder.tcp;

/**
 * The layer above TCP reassembly (the MSNP framer): receives each flow's bytes in stream order,
 * the holes the capture never filled, and the flow's start and end.
 */
public interface TcpStreamListener {
    void flowStarted(TcpFlow flow);

    /**
     * In-order payload bytes, a borrowed view valid only during this call. carriedFrame/carriedTs:
     * packet that carried these bytes; the packet being processed now is
     * flow.currentFrame()/currentTsNanos().
     */
    void data(TcpFlow flow, boolean fromClient, byte[] buf, int off, int len, long streamOffset, long carriedFrame,
            long carriedTsNanos);

    /** {@code length} bytes at {@code streamOffset} are missing; data continues after them. */
    void gap(TcpFlow flow, boolean fromClient, long streamOffset, long length);

    /** @param reason {@code fin}, {@code rst}, {@code idle_timeout}, {@code evicted} or {@code capture_end} */
    void flowEnded(TcpFlow flow, String reason);

    /** A listener that ignores everything. */
    TcpStreamListener NONE = new TcpStreamListener() {
        @Override
        public void flowStarted(TcpFlow flow) {
        }

        @Override
        public void data(TcpFlow flow, boolean fromClient, byte[] buf, int off, int len, long streamOffset,
                long carriedFrame, long carriedTsNanos) {
        }

        @Override
        public void gap(TcpFlow flow, boolean fromClient, long streamOffset, long length) {
        }

        @Override
        public void flowEnded(TcpFlow flow, String reason) {
        }
    };
}
