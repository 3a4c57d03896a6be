package org.msnscope.decoder.msnp.frame;

import org.msnscope.decoder.event.AnomalyCode;

/** What a direction's {@link MsnpFramer} reports to its connection. */
public interface FrameHandler {
    /**
     * One command.
     *
     * @param tokens the line split on spaces, the verb first; valid only during the call (the array is reused)
     * @param count tokens in use
     * @param payload the payload, owned by the callee; null when the command has none or it was not read
     * @param declaredLength the length the line announced, or {@link PayloadRules#NONE}
     * @param streamOffset where the command line starts in its direction's stream
     */
    void command(String[] tokens, int count, byte[] payload, long declaredLength, long streamOffset);

    /** A framing problem on a connection known to carry MSNP. */
    void problem(AnomalyCode code, String detail);

    /** True once either direction has shown MSNP. */
    boolean confirmed();

    /** This direction just showed its first plausible command. */
    void confirm();

    /** This direction does not carry MSNP (and its connection has not shown any). */
    void notMsnp();

    /** Bytes of a direction switched to {@link MsnpFramer#raw()}; {@code buf} is only borrowed. */
    default void raw(byte[] buf, int off, int len, long streamOffset) {
    }

    /** A gap in a direction switched to {@link MsnpFramer#raw()}. */
    default void rawGap(long streamOffset, long length) {
    }
}
