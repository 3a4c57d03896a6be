package org.msnscope.decoder.event;

import java.util.List;

/**
 * A contact-list entry or group as the NS showed it.
 *
 * @param action {@code listed} (SYN/LST sync), {@code added}, {@code removed}; for groups
 *        {@code group_listed}, {@code group_added}, {@code group_removed}, {@code group_renamed}
 * @param user the contact's account (null for groups)
 * @param lists FL, AL, BL, RL, PL as the line or XML gave them
 * @param friendlyName URL-decoded, or null
 * @param groups the group ids the contact is in (or, for a group event, the group's id)
 * @param groupName for group events, the URL-decoded name
 * @param network the network id when given (MSNP12+ LST, ADL t=), else null
 * @param source the command (LST, ADD, ADC, REM, ADL, RML, LSG, ADG, RMG, REG)
 */
public record ContactEvent(long tsNanos, int tsDigits, long frame, String flow, String action, String user,
        List<String> lists, String friendlyName, List<String> groups, String groupName, String network, String source)
        implements Event {
    @Override
    public String type() {
        return "contact";
    }
}
