package org.msnscope.decoder.gateway;

import org.msnscope.decoder.http.HttpMessage;
import org.msnscope.decoder.msnp.session.MsnpStream;

/**
 * One gateway session (an NS or SB connection the gateway holds for the client): the MSNP stream
 * rebuilt from its request and response bodies, and the SessionIDs it went by.
 */
final class GatewaySession {
    final MsnpStream stream;
    /** {@code NS} or {@code SB} from {@code Server=} of the opening request; null when not seen. */
    final String server;
    /** The SessionID the gateway named first (in its answer to the opening request, or the first one seen). */
    String id;
    /** The opening request, decoded once its answer names the session (so session_start can name it). */
    HttpMessage openRequest;
    String openFlow;
    /** Where in the capture's order it was last active (sharded decoding ends open sessions in that order). */
    final long[] touched = new long[3];

    GatewaySession(MsnpStream stream, String server) {
        this.stream = stream;
        this.server = server;
    }

    /** Feeds one body into its direction; bytes the body lost become a gap in the stream. */
    void feed(String flowId, boolean fromClient, HttpMessage m) {
        stream.carriedBy(flowId);
        byte[] b = m.body();
        stream.data(fromClient, b, 0, b.length);
        long lost = m.bodyBytes() - b.length + m.missing();
        if (!m.complete() && lost <= 0) {
            lost = 1; // cut short by an unknown amount (a chunked body): still a hole in the MSNP stream
        }
        stream.gap(fromClient, lost);
    }

    /** Decodes the held opening request (its answer arrived, or never will). */
    void releaseOpen() {
        HttpMessage open = openRequest;
        if (open != null) {
            openRequest = null;
            feed(openFlow, true, open);
        }
    }
}
