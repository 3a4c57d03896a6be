package org.msnscope.decoder.event;

/**
 * A TCP connection that ended.
 *
 * @param reason {@code fin}, {@code rst}, {@code idle_timeout}, {@code evicted} or {@code capture_end}
 * @param bytesC2s payload bytes delivered client to server (gaps not counted)
 * @param bytesS2c payload bytes delivered server to client
 * @param gaps number of holes in either direction the capture never filled
 * @param gapBytes total bytes missing in those holes
 * @param packets packets that belonged to the flow
 */
public record FlowEndEvent(long tsNanos, int tsDigits, long frame, String flow, String reason, long bytesC2s,
        long bytesS2c, long gaps, long gapBytes, long packets) implements Event {
    @Override
    public String type() {
        return "flow_end";
    }
}
