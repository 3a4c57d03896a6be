package org.msnscope.decoder.msnp.session;

/** What a connection is: dispatch, notification or switchboard server, or not yet known. */
public enum Role { UNKNOWN, DS, NS, SB }
