package org.msnscope.testkit;

/** How a generated TCP connection ends: FIN / FIN-ACK / ACK, or a single RST. */
public enum Close {
    FIN, RST
}
