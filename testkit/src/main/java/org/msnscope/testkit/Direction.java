package org.msnscope.testkit;

/** Which side of a TCP connection sends: client to server or server to client. */
public enum Direction {
    C2S, S2C;

    public Direction reverse() {
        return this == C2S ? S2C : C2S;
    }
}
