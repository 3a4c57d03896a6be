package org.msnscope.decoder.msnp.session;

/** What a connection is: dispatch, notification or switchboard server, MSNFTP, or not yet known. */
public enum Role { UNKNOWN, DS, NS, SB,
    /** an MSNFTP file-transfer session (VER MSNFTP) */
    MSNFTP }
