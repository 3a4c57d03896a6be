package org.msnscope.decoder.soap;

import java.util.Locale;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.http.HttpApp;
import org.msnscope.decoder.http.HttpFlow;
import org.msnscope.decoder.http.HttpMessage;
import org.msnscope.decoder.msnp.mime.Xml;

/**
 * The SOAP services MSNP13+ clients use beside the NS (docs/soap.md), when a capture holds them in
 * clear text: contact lists (SharingService FindMembership, abservice ABFindAll and
 * ABFindContactsPaged), offline messages (OIM Store/Store2, RSI GetMessage) and security token
 * requests (RST/RST2). The call is named by the SOAPAction header (its last path segment), or for
 * token requests by the target. Bodies are read with the JDK's StAX parser, DTDs and external
 * entities off, at most {@code maxBodyBytes} of them.
 */
public final class Soap implements HttpApp {
    @Override
    public boolean wants(HttpMessage request) {
        if (!"POST".equalsIgnoreCase(request.method())) {
            return false;
        }
        String p = request.path().toLowerCase(Locale.ROOT);
        return p.endsWith(".asmx") || p.endsWith("/rst.srf") || p.endsWith("/rst2.srf")
                || request.header("SOAPAction") != null;
    }

    /** The call: {@code FindMembership}, {@code Store2}... or {@code RST} for a token request. */
    static String action(HttpMessage request) {
        String p = request.path().toLowerCase(Locale.ROOT);
        if (p.endsWith("/rst.srf") || p.endsWith("/rst2.srf")) {
            return "RST";
        }
        String a = request.header("SOAPAction");
        if (a == null) {
            return "";
        }
        a = a.trim();
        if (a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"")) {
            a = a.substring(1, a.length() - 1);
        }
        int slash = a.lastIndexOf('/');
        return slash >= 0 ? a.substring(slash + 1) : a;
    }

    @Override
    public void request(HttpFlow flow, HttpMessage req) {
        String action = action(req);
        switch (action) {
            case "Store", "Store2" -> {
                Xml.Result x = xml(flow, "c2s", req, action);
                if (x != null) {
                    OfflineMessages.stored(flow, req, x);
                }
            }
            case "RST" -> {
                Xml.Result x = xml(flow, "c2s", req, action);
                if (x != null) {
                    TokenRequests.requested(flow, req, x);
                }
            }
            default -> {
                // other calls: nothing is decoded from the request
            }
        }
    }

    @Override
    public void response(HttpFlow flow, HttpMessage req, HttpMessage resp) {
        String action = action(req);
        switch (action) {
            case "FindMembership", "ABFindAll", "ABFindContactsPaged", "GetMessage" -> {
                Xml.Result x = xml(flow, "s2c", resp, action);
                if (x == null) {
                    return;
                }
                if (action.equals("GetMessage")) {
                    OfflineMessages.retrieved(flow, resp, x);
                } else if (action.equals("FindMembership")) {
                    SoapContacts.memberships(flow, x);
                } else {
                    SoapContacts.addressBook(flow, x, action);
                }
            }
            default -> {
                // other calls' answers are not decoded
            }
        }
    }

    /** The body as XML, or null (reported) when it is not XML or nothing of it arrived. */
    private static Xml.Result xml(HttpFlow flow, String dir, HttpMessage m, String action) {
        byte[] b = m.body();
        if (b.length == 0) {
            return null;
        }
        Xml.Result x = Xml.parse(b, 0, b.length);
        if (x.problem() != null) {
            flow.anomaly(AnomalyCode.SOAP_MALFORMED, dir + ": " + action + " body at stream offset " + m.streamOffset()
                    + ": " + x.problem() + (m.complete() ? "" : " (the body is incomplete)"));
            // what parsed before the error is still a contact list; a message or token request is not used
            boolean partialUseful = action.startsWith("AB") || action.equals("FindMembership");
            return partialUseful && !x.elements().isEmpty() ? x : null;
        }
        return x;
    }
}
