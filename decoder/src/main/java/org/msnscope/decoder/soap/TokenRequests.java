package org.msnscope.decoder.soap;

import java.util.ArrayList;
import java.util.List;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.TokenRequestEvent;
import org.msnscope.decoder.http.HttpFlow;
import org.msnscope.decoder.http.HttpMessage;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * Security token requests to the login service ({@code RST.srf}, {@code RST2.srf}): the account in
 * {@code Security/UsernameToken/Username}, then one {@code RequestSecurityToken} per token with its
 * {@code AppliesTo} address and {@code PolicyReference URI}. The password element is never read, and
 * the answer (the tokens) is not decoded.
 */
final class TokenRequests {
    private TokenRequests() {
    }

    static void requested(HttpFlow flow, HttpMessage req, Xml.Result x) {
        String account = null;
        List<String> services = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        int open = -1;
        for (Xml.Element e : x.elements()) {
            if (open >= 0 && e.depth() <= open) {
                open = -1;
            }
            switch (e.name()) {
                case "Username" -> account = e.text();
                case "RequestSecurityToken" -> {
                    open = e.depth();
                    services.add("");
                    policies.add("");
                }
                case "Address" -> {
                    if (open >= 0) {
                        services.set(services.size() - 1, e.text());
                    }
                }
                case "PolicyReference" -> {
                    if (open >= 0 && e.attr("URI") != null) {
                        policies.set(policies.size() - 1, e.attr("URI"));
                    }
                }
                default -> {
                }
            }
        }
        Emitter em = flow.emitter();
        if (em.wanted()) {
            em.emit(new TokenRequestEvent(em.tsNanos(), em.tsDigits(), em.frame(), flow.id(), account, req.target(),
                    List.copyOf(services), List.copyOf(policies)));
        }
    }
}
