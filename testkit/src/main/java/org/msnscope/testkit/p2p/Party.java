package org.msnscope.testkit.p2p;

/**
 * One user in a sample: account, friendly name, address, switchboard client port and, for MSNP16 and
 * later, the endpoint (machine) GUID that goes after a semicolon.
 */
public record Party(String email, String nick, String ip, int sbPort, String endpoint) {
    /** The handle with the endpoint, {@code email;{guid}}, or just the email without one. */
    public String handle() {
        return endpoint == null ? email : email + ";" + endpoint;
    }
}
