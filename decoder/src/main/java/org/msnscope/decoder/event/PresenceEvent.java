package org.msnscope.decoder.event;

import java.util.Map;

/**
 * Someone's presence as a command showed it; fields the command does not carry are null.
 *
 * @param user the account (without network prefix)
 * @param status NLN, BSY, IDL, BRB, AWY, PHN, LUN, HDN or FLN (offline), or null
 * @param friendlyName URL-decoded
 * @param clientCaps {@code value}, {@code msnc} and {@code flags} decoded from the client id
 * @param msnObject the MSNObject's attributes (creator, size, type, location, friendly, sha1d, sha1c)
 * @param psm the personal message (UUX/UBX)
 * @param currentMedia the CurrentMedia string (UUX/UBX)
 * @param network the network id (1 Windows Live, 32 Yahoo...) when the line carries one, else null
 * @param source the command that showed it (ILN, NLN, FLN, CHG, UBX, UUX, PRP, REA)
 */
public record PresenceEvent(long tsNanos, int tsDigits, long frame, String flow, String user, String status,
        String friendlyName, Map<String, Object> clientCaps, Map<String, String> msnObject, String psm,
        String currentMedia, String network, String source) implements Event {
    @Override
    public String type() {
        return "presence";
    }
}
