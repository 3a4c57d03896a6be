package org.msnscope.decoder.msnp.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msnscope.decoder.event.AnomalyCode;
import org.msnscope.decoder.event.CommandEvent;
import org.msnscope.decoder.event.Emitter;
import org.msnscope.decoder.event.SessionEvent;
import org.msnscope.decoder.msnp.ErrorCodes;
import org.msnscope.decoder.msnp.command.Command;
import org.msnscope.decoder.msnp.frame.FrameHandler;
import org.msnscope.decoder.msnp.frame.MsnpFramer;
import org.msnscope.decoder.msnp.frame.Verbs;
import org.msnscope.decoder.tcp.TcpFlow;

/**
 * One TCP connection's MSNP state: a framer per direction, the role (DS, NS or SB) and version as
 * far as the traffic shows them, the session's account and, on a switchboard, its conversation.
 * Commands go to {@link NsCommands} or {@link SbCommands} by role.
 */
final class Connection {
    final MsnpLayer layer;
    /** The TCP connection, or null for a stream rebuilt from another transport (the HTTP gateway). */
    final TcpFlow flow;
    /** The flow the bytes being decoded came in: the connection's own, or the HTTP request's that carried them. */
    private String flowId;
    /** {@code http-gateway} for a stream rebuilt from gateway requests, null for a TCP connection of its own. */
    String transport;
    /** The gateway's SessionID for the stream (with {@link #transport}), else null. */
    String gatewaySession;
    final MsnpFramer c2s;
    final MsnpFramer s2c;
    final Version version = new Version();
    final String clientIp;

    private boolean confirmed;
    private boolean ignored;
    Role role = Role.UNKNOWN;
    boolean sessionStarted;
    String account;
    boolean accountInferred;
    String endpoint;
    String clientVersion;
    String cookie;
    /** Switchboard joined by invitation (ANS): who called, from the RNG. */
    String invitedBy;
    Connection parent;
    /** The parent's flow when the session started (a gateway NS session moves between connections). */
    private String parentFlow;
    String conversation;
    long messages;
    String endReason;
    /** c2s USR with an auth package was seen (a later USR OK makes this an NS). */
    boolean authStarted;
    private Set<String> unknownReported;
    /** The listener (direct or MSNFTP) this connection was announced as, or null. */
    org.msnscope.decoder.p2p.P2pLayer.Listener listener;
    /** Set once the connection showed VER MSNFTP. */
    private org.msnscope.decoder.p2p.Msnftp.Session msnftp;

    /** Switchboard: who is in the conversation (account -> MPOP endpoints seen). */
    final Map<String, Set<String>> participants = new LinkedHashMap<>();
    /** Switchboard: messages sent with ack mode A, N or D, by TrID: the frame that completed them and the mode. */
    final LinkedHashMap<Long, long[]> pendingAcks = new LinkedHashMap<>();
    /** Switchboard: the last messages sent with ack mode N (answered only by NAK), by TrID: their frame. */
    final RecentTrids recentUnacked = new RecentTrids(RECENT_N_MESSAGES);
    /** MSNP18+ routed conversations (SDG, NFY, PUT, DEL) of this NS connection; null until the first. */
    RoutedConversations routed;
    /** Messages sent in chunks, by Message-ID, until their last chunk. */
    final LinkedHashMap<String, Messages.Chunked> chunked = new LinkedHashMap<>();
    /** How many ack-mode-N messages are remembered for a late NAK. */
    static final int RECENT_N_MESSAGES = 64;

    Connection(MsnpLayer layer, TcpFlow flow) {
        this(layer, flow, flow.id(), flow.client(), flow.midstream());
    }

    Connection(MsnpLayer layer, TcpFlow flow, String flowId, String client, boolean midstream) {
        this.layer = layer;
        this.flow = flow;
        this.flowId = flowId;
        this.c2s = new MsnpFramer(layer.limits, new Side(true), true, midstream);
        this.s2c = new MsnpFramer(layer.limits, new Side(false), false, midstream);
        int colon = client.lastIndexOf(':');
        this.clientIp = colon > 0 ? client.substring(0, colon) : client;
    }

    Emitter emitter() {
        return layer.emitter;
    }

    String id() {
        return flowId;
    }

    /** The bytes that follow came in flow {@code id} (gateway streams move from connection to connection). */
    void carriedBy(String id) {
        this.flowId = id;
    }

    boolean ignored() {
        return ignored;
    }

    /** True once either direction showed MSNP. */
    boolean confirmedAny() {
        return confirmed;
    }

    /** One direction's framer callbacks. */
    private final class Side implements FrameHandler {
        private final boolean fromClient;

        Side(boolean fromClient) {
            this.fromClient = fromClient;
        }

        @Override
        public void command(String[] tokens, int count, byte[] payload, long declaredLength, long streamOffset) {
            Connection.this.command(fromClient, tokens, count, payload, declaredLength, streamOffset);
        }

        @Override
        public void problem(AnomalyCode code, String detail) {
            anomaly(code, (fromClient ? "c2s: " : "s2c: ") + detail);
        }

        @Override
        public void raw(byte[] buf, int off, int len, long streamOffset) {
            if (msnftp != null) {
                msnftp.raw(fromClient, buf, off, len, streamOffset);
            }
        }

        @Override
        public void rawGap(long streamOffset, long length) {
            if (msnftp != null) {
                msnftp.rawGap(fromClient, streamOffset, length);
            }
        }

        @Override
        public boolean confirmed() {
            return confirmed;
        }

        @Override
        public void confirm() {
            confirmed = true;
        }

        @Override
        public void notMsnp() {
            if (!confirmed) {
                ignored = true;
                c2s.ignore();
                s2c.ignore();
                // not MSNP: let the flow forget this connection, so other traffic costs no MSNP memory
                if (flow != null && flow.attachment == Connection.this) {
                    flow.attachment = null;
                }
            } else {
                (fromClient ? c2s : s2c).ignore();
            }
        }
    }

    /** The command's XML payload (ADL, RML, UUX, UBX), a parse problem reported; null when it has none. */
    org.msnscope.decoder.msnp.mime.Xml.Result xml(Command c) {
        byte[] p = c.payload();
        if (p == null || p.length == 0) {
            return null;
        }
        org.msnscope.decoder.msnp.mime.Xml.Result x = org.msnscope.decoder.msnp.mime.Xml.parse(p, 0, p.length);
        if (x.problem() != null) {
            anomaly(AnomalyCode.MSNP_MALFORMED_XML, c.dir() + ": " + c.verb() + " payload at stream offset "
                    + c.streamOffset() + ": " + x.problem());
        }
        return x;
    }

    void anomaly(AnomalyCode code, String detail) {
        layer.emitter.anomaly(id(), code, detail);
    }

    private void command(boolean fromClient, String[] tokens, int count, byte[] payload, long declaredLength,
            long streamOffset) {
        String verb = tokens[0];
        layer.commands++;
        if (msnftp == null && verb.equals("VER") && role == Role.UNKNOWN && hasToken(tokens, count, "MSNFTP")) {
            msnftp = new org.msnscope.decoder.p2p.Msnftp.Session(layer.p2p, id(), listener);
            role = Role.MSNFTP;
            startSession();
        }
        if (msnftp != null) {
            ftpCommand(fromClient, tokens, count, payload, declaredLength);
            return;
        }
        boolean hasTrid = Trids.has(verb, tokens, count, fromClient, version.guess());
        Long trid = hasTrid ? Long.valueOf(Long.parseLong(tokens[1])) : null;
        int first = hasTrid ? 2 : 1;
        boolean known = Verbs.isKnown(verb);
        boolean error = !known && Verbs.isError(verb);
        Emitter em = layer.emitter;
        if (em.wanted()) {
            List<String> args = count > first
                    ? Collections.unmodifiableList(Arrays.asList(Arrays.copyOfRange(tokens, first, count)))
                    : List.of();
            // MSG and SDG payloads become message events; SDG bodies may be binary (P2P)
            String payloadText = payload != null && !verb.equals("MSG") && !verb.equals("SDG")
                    ? new String(payload, java.nio.charset.StandardCharsets.UTF_8) : null;
            em.emit(new CommandEvent(em.tsNanos(), em.tsDigits(), em.frame(), id(), fromClient ? "c2s" : "s2c",
                    verb, trid, args, declaredLength >= 0 ? Long.valueOf(declaredLength) : null, known || error,
                    error ? ErrorCodes.meaning(Integer.parseInt(verb)) : null, payloadText, gatewaySession));
        }
        if (!known && !error) {
            reportUnknown(verb);
            return;
        }
        Command c = new Command(fromClient, verb, trid, tokens, first, count, payload, streamOffset);
        learnRole(c);
        switch (role) {
            case SB -> SbCommands.handle(this, c);
            case NS, DS, UNKNOWN, MSNFTP -> NsCommands.handle(this, c);
        }
    }

    private static boolean hasToken(String[] tokens, int count, String t) {
        for (int i = 1; i < count; i++) {
            if (tokens[i].equals(t)) {
                return true;
            }
        }
        return false;
    }

    /** An MSNFTP session's line: no TrIDs; after TFR the sender's direction carries blocks. */
    private void ftpCommand(boolean fromClient, String[] tokens, int count, byte[] payload, long declaredLength) {
        String verb = tokens[0];
        String[] args = Arrays.copyOfRange(tokens, 1, count);
        Emitter em = layer.emitter;
        if (em.wanted()) {
            em.emit(new CommandEvent(em.tsNanos(), em.tsDigits(), em.frame(), id(), fromClient ? "c2s" : "s2c",
                    verb, null, Collections.unmodifiableList(Arrays.asList(args)),
                    declaredLength >= 0 ? Long.valueOf(declaredLength) : null, FTP_VERBS.contains(verb), null,
                    payload != null ? new String(payload, java.nio.charset.StandardCharsets.UTF_8) : null, gatewaySession));
        }
        if (!FTP_VERBS.contains(verb)) {
            reportUnknown(verb);
        }
        if (verb.equals("USR") && args.length >= 1) {
            learnAccount(args[0], false);
        }
        if (msnftp.command(fromClient, verb, args)) {
            (fromClient ? s2c : c2s).raw();
        }
    }

    private static final Set<String> FTP_VERBS = Set.of("VER", "USR", "FIL", "TFR", "BYE", "CCL");

    private void reportUnknown(String verb) {
        if (unknownReported == null) {
            unknownReported = new HashSet<>();
        }
        if (unknownReported.size() < layer.limits.maxUnknownVerbsReported() && unknownReported.add(verb)) {
            anomaly(AnomalyCode.MSNP_UNKNOWN_VERB, "unknown verb " + verb + " (kept verbatim; further ones on this flow are not reported)");
        }
    }

    /** Verbs only a notification server carries. */
    private static final Set<String> NS_ONLY = Set.of("SYN", "LST", "LSG", "CHG", "ILN", "NLN", "FLN", "ADL", "RML",
            "UUX", "UBX", "CHL", "QRY", "PNG", "QNG", "NOT", "GCF", "ADC", "ADD", "REM", "BLP", "GTC", "PRP", "REA",
            "SBS", "FQY", "UUN", "UBN", "RNG", "BPR", "ADG", "RMG", "REG", "UUM", "UBM", "IPG", "SDC", "PGD", "PAG",
            "URL", "IMS", "FND", "SND", "SBP", "LKP", "SDG", "NFY", "PUT", "DEL");
    /** Verbs only a switchboard carries. */
    private static final Set<String> SB_ONLY = Set.of("ANS", "CAL", "IRO", "JOI", "BYE", "ACK", "NAK");

    private void learnRole(Command c) {
        if (role != Role.UNKNOWN) {
            return;
        }
        String v = c.verb();
        if (SB_ONLY.contains(v) || (v.equals("MSG") && (c.fromClient()
                || (c.arg(0) != null && c.arg(0).indexOf('@') > 0)))) {
            // the client sends MSG only to a switchboard; the NS's own MSGs come from "Hotmail"
            becomeSb(c);
        } else if (v.equals("USR") && c.fromClient()) {
            String pkg = c.arg(0);
            if (pkg != null && !pkg.equals("MD5") && !pkg.equals("TWN") && !pkg.equals("SSO") && c.argc() >= 2) {
                becomeSb(c);
            }
        } else if (v.equals("XFR") && !c.fromClient() && "NS".equals(c.arg(0))) {
            role = Role.DS;
        } else if (NS_ONLY.contains(v) || (v.equals("XFR") && "SB".equals(c.arg(0)))
                || (v.equals("MSG") && !c.fromClient() && "Hotmail".equalsIgnoreCase(c.arg(0)))
                || (v.equals("USR") && !c.fromClient() && "OK".equals(c.arg(0)) && authStarted)
                || (v.equals("OUT") && !c.fromClient())) {
            role = Role.NS;
        }
        if (role != Role.UNKNOWN && role != Role.SB) {
            startSession();
        }
    }

    private void becomeSb(Command c) {
        role = Role.SB;
        // the session itself starts in SbCommands, which knows whether USR/ANS will name the account
        if (!(c.verb().equals("USR") || c.verb().equals("ANS")) || !c.fromClient()) {
            if (account == null) {
                String a = layer.accountAt(clientIp);
                if (a != null) {
                    account = a;
                    accountInferred = true;
                }
            }
            startSession();
        }
    }

    void startSession() {
        if (sessionStarted) {
            return;
        }
        sessionStarted = true;
        layer.sessions++;
        if (role == Role.SB) {
            conversation = layer.nextConversation();
            if (parent != null) {
                version.inherit(parent.version);
            }
        }
        Emitter em = layer.emitter;
        em.emit(new SessionEvent(em.tsNanos(), em.tsDigits(), em.frame(), id(), true, role.name(), account,
                accountInferred, version.describe(), clientVersion, cookie, parentFlow(),
                conversation, endpoint, null, 0, transport, gatewaySession));
        if (role == Role.SB && account != null) {
            SbCommands.present(this, account, endpoint, null, "present", null);
        }
        if (role == Role.NS && account != null) {
            layer.rememberAccount(clientIp, account);
        }
    }

    private String parentFlow() {
        if (parentFlow == null && parent != null) {
            parentFlow = parent.id();
        }
        return parentFlow;
    }

    /** The account became known (USR OK, or inferred later on a session that started without it). */
    void learnAccount(String a, boolean inferred) {
        if (a == null || (account != null && !accountInferred)) {
            return;
        }
        account = a;
        accountInferred = inferred;
        if (role == Role.NS) {
            layer.rememberAccount(clientIp, a);
        }
    }

    void data(boolean fromClient, byte[] buf, int off, int len, long streamOffset) {
        (fromClient ? c2s : s2c).data(buf, off, len, streamOffset);
    }

    void gap(boolean fromClient, long streamOffset, long length) {
        (fromClient ? c2s : s2c).gap(streamOffset, length);
    }

    void ended(String reason) {
        c2s.end();
        s2c.end();
        if (!confirmed) {
            return;
        }
        for (Map.Entry<String, Messages.Chunked> e : chunked.entrySet()) {
            Messages.incomplete(this, e.getKey(), e.getValue());
        }
        chunked.clear();
        if (role == Role.SB) {
            SbCommands.ended(this);
        }
        if (!sessionStarted && role != Role.UNKNOWN) {
            startSession();
        }
        if (sessionStarted) {
            Emitter em = layer.emitter;
            em.emit(new SessionEvent(em.tsNanos(), em.tsDigits(), em.frame(), id(), false, role.name(), account,
                    accountInferred, version.describe(), clientVersion, cookie, parentFlow(),
                    conversation, endpoint, endReason != null ? endReason : reason, messages, transport,
                    gatewaySession));
        }
    }

    /** The account list of the conversation now, without {@code except}. */
    List<String> others(String except) {
        List<String> to = new ArrayList<>(participants.size());
        for (String p : participants.keySet()) {
            if (!p.equalsIgnoreCase(except == null ? "" : except)) {
                to.add(p);
            }
        }
        return Collections.unmodifiableList(to);
    }

}
