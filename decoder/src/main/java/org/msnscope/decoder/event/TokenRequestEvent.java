package org.msnscope.decoder.event;

import java.util.List;

/**
 * A client asked the Passport / Windows Live login service for security tokens (an RST or RST2
 * SOAP request, sent in clear text to a revival server). Which account asked for which services
 * under which policies; the password and the tokens themselves are never part of the event.
 *
 * @param account the {@code Username} of the request's security header, or null
 * @param url the request target ({@code /RST.srf}, {@code /RST2.srf}...)
 * @param services the {@code AppliesTo} address of each token asked for, in order
 * @param policies the {@code PolicyReference URI} of each token asked for, same order ("" when none)
 */
public record TokenRequestEvent(long tsNanos, int tsDigits, long frame, String flow, String account, String url,
        List<String> services, List<String> policies) implements Event {
    @Override
    public String type() {
        return "token_request";
    }
}
