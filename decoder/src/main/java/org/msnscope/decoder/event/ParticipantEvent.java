package org.msnscope.decoder.event;

/**
 * Someone's place in a conversation changed.
 *
 * @param conversation the conversation id
 * @param user the account (without the MPOP endpoint)
 * @param action {@code present} (there when the local user arrived, or the local user), {@code joined},
 *        {@code left} or {@code invited}
 * @param endpoint the MPOP machine GUID, or null
 * @param friendlyName the friendly name shown with IRO/JOI (URL-decoded), or null
 * @param by for {@code invited}: who invited; for {@code left}: {@code idle} when the server closed
 *        an idle session (BYE with 1); else null
 */
public record ParticipantEvent(long tsNanos, int tsDigits, long frame, String flow, String conversation, String user,
        String action, String endpoint, String friendlyName, String by) implements Event {
    @Override
    public String type() {
        return "participant";
    }
}
