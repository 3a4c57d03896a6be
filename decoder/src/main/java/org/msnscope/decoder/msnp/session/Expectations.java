package org.msnscope.decoder.msnp.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Switchboard connections announced on an NS and not yet seen: XFR SB (the local user starts a
 * chat) and RNG (someone invites the local user) register the cookie; the switchboard's USR or
 * ANS consumes it. Matched on the cookie, never the address (servers announce host names the
 * capture never shows). Bounded ({@code maxExpectations}) and expiring on capture time.
 */
final class Expectations {
    /** What the NS announced. */
    record Expected(String cookie, Connection parent, String caller, String callerName, String sessionId,
            boolean invited, long tsNanos) {
    }

    private final int max;
    private final long timeoutNanos;
    private final LinkedHashMap<String, Expected> byCookie = new LinkedHashMap<>();

    Expectations(int max, long timeoutNanos) {
        this.max = max;
        this.timeoutNanos = timeoutNanos;
    }

    /** Registers an announcement; returns false when the oldest had to be dropped for room. */
    boolean add(Expected e) {
        expire(e.tsNanos());
        byCookie.remove(e.cookie());
        byCookie.put(e.cookie(), e);
        if (byCookie.size() > max) {
            Iterator<Map.Entry<String, Expected>> it = byCookie.entrySet().iterator();
            it.next();
            it.remove();
            return false;
        }
        return true;
    }

    /** The announcement of this cookie, removed; null when none (the NS was not captured). */
    Expected take(String cookie, long nowNanos) {
        expire(nowNanos);
        return byCookie.remove(cookie);
    }

    private void expire(long nowNanos) {
        Iterator<Expected> it = byCookie.values().iterator();
        while (it.hasNext()) {
            Expected e = it.next();
            if (nowNanos - e.tsNanos() <= timeoutNanos) {
                break;
            }
            it.remove();
        }
    }
}
