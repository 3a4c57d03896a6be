package org.msnscope.decoder.event;

/**
 * A TCP connection seen for the first time.
 *
 * @param client the originator, {@code ip:port} ({@code [v6addr]:port} for IPv6)
 * @param server the responder
 * @param midstream true when the capture holds no handshake for it (picked up mid-connection)
 */
public record FlowStartEvent(long tsNanos, int tsDigits, long frame, String flow, String client, String server,
        boolean midstream) implements Event {
    @Override
    public String type() {
        return "flow_start";
    }
}
