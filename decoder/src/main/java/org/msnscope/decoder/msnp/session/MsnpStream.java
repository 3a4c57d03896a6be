package org.msnscope.decoder.msnp.session;

/**
 * An MSNP byte stream that did not travel on a TCP connection of its own: the HTTP gateway carries
 * a session's commands in the bodies of many HTTP requests and responses, over any number of
 * connections. The gateway layer rebuilds both directions in order and feeds them here; they are
 * decoded exactly like a direct connection (same framer, same commands, sessions and events), with
 * the session events naming the transport and the gateway's session id.
 */
public final class MsnpStream {
    private final Connection connection;
    private long c2sOffset;
    private long s2cOffset;
    private boolean ended;

    MsnpStream(Connection connection) {
        this.connection = connection;
    }

    /** The bytes that follow came in this flow (the HTTP connection of the request or response). */
    public void carriedBy(String flowId) {
        connection.carriedBy(flowId);
    }

    /** The gateway named the session (its answer to the opening request arrived). */
    public void gatewaySession(String id) {
        if (connection.gatewaySession == null) {
            connection.gatewaySession = id;
        }
    }

    /** The next bytes of one direction (client to server: request bodies; server to client: response bodies). */
    public void data(boolean fromClient, byte[] buf, int off, int len) {
        if (ended || len == 0) {
            return;
        }
        long at = fromClient ? c2sOffset : s2cOffset;
        connection.data(fromClient, buf, off, len, at);
        if (fromClient) {
            c2sOffset += len;
        } else {
            s2cOffset += len;
        }
    }

    /** {@code length} bytes of one direction never arrived (a body cut short). */
    public void gap(boolean fromClient, long length) {
        if (ended || length <= 0) {
            return;
        }
        connection.gap(fromClient, fromClient ? c2sOffset : s2cOffset, length);
        if (fromClient) {
            c2sOffset += length;
        } else {
            s2cOffset += length;
        }
    }

    /** The stream is over (the gateway closed it, or the capture ended): its session ends with this reason. */
    public void end(String reason) {
        if (!ended) {
            ended = true;
            connection.ended(reason);
            if (connection.sessionStarted) {
                connection.layer.streamEnded();
            }
        }
    }

    public boolean ended() {
        return ended;
    }
}
