package org.msnscope.decoder.p2p;

import java.util.Locale;
import java.util.Map;
import org.msnscope.decoder.event.AnomalyCode;

/**
 * MSNFTP, the file transfer of MSN Messenger 1-5: a {@code text/x-msmsgsinvite} dialogue on the
 * switchboard (INVITE, ACCEPT with the listener's IP-Address, Port and AuthCookie, or CANCEL with a
 * Cancel-Code) and a TCP session of its own (VER MSNFTP, USR account cookie, FIL size, TFR, then
 * blocks of a flag byte, a 16-bit little-endian length and the data; BYE code or CCL at the end).
 * docs/p2p.md, "MSNFTP".
 */
public final class Msnftp {
    private Msnftp() {
    }

    static final String GUID = "5D3E02AB-6190-11D3-BBBB-00C04F795683";
    /** Largest block the protocol uses (3-byte header + 2045 = 2048). */
    static final int MAX_BLOCK = 2045;

    /** A {@code text/x-msmsgsinvite} body's fields (already split into {@code Key: Value}). */
    public static void invitation(P2pLayer layer, P2pLayer.Origin o, Map<String, String> f) {
        String command = get(f, "Invitation-Command");
        String cookie = get(f, "Invitation-Cookie");
        if (command == null || cookie == null) {
            return;
        }
        String key = "FTP:" + cookie.trim();
        Transfer t = layer.byCall(key);
        switch (command.trim().toUpperCase(Locale.ROOT)) {
            case "INVITE" -> {
                String guid = get(f, "Application-GUID");
                if (t != null || guid == null || !GUID.equals(Kinds.normalise(guid))) {
                    return; // not a file transfer (NetMeeting, voice...): the message event says it all
                }
                t = layer.newTransfer(o);
                t.kind = "file";
                t.transport = "msnftp";
                t.callId = cookie.trim();
                t.eufGuid = guid.trim();
                t.from = o.sender;
                t.to = o.receiver;
                String size = get(f, "Application-FileSize");
                if (size != null) {
                    try {
                        t.size = Math.max(-1, Long.parseLong(size.trim()));
                        layer.checkSize(o, t);
                    } catch (NumberFormatException e) {
                        layer.anomaly(o.flow, AnomalyCode.P2P_BAD_CONTEXT, o.dir + ": MSNFTP invitation " + cookie
                                + ": Application-FileSize is not a number");
                    }
                }
                String name = get(f, "Application-File");
                if (name != null) {
                    t.name = layer.sanitise(o.flow, t, name);
                }
                layer.rememberCall(key, t);
                layer.emit(t);
            }
            case "ACCEPT" -> {
                if (t == null || t.state.finished()) {
                    return;
                }
                String ip = get(f, "IP-Address");
                String port = get(f, "Port");
                String auth = get(f, "AuthCookie");
                if (auth != null) {
                    layer.rememberCall("AUTH:" + auth.trim(), t);
                }
                if (ip != null && port != null) {
                    String connector = o.sender != null && o.sender.equalsIgnoreCase(t.from) ? t.to : t.from;
                    for (String addr : new String[] {ip, get(f, "IP-Address-Internal")}) {
                        if (addr != null && !addr.isBlank()) {
                            String a = addr.trim();
                            String ep = (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port.trim();
                            layer.listen(o.flow, new P2pLayer.Listener(ep, t, o.sender, connector, null,
                                    auth == null ? null : auth.trim(), true, layer.emitter.tsNanos()));
                            org.msnscope.decoder.PortWatcher.announce(layer.ports, ep, "MSNFTP");
                        }
                    }
                }
                if (t.state == Transfer.State.OFFERED) {
                    t.flow = o.flow;
                    t.state = Transfer.State.ACCEPTED;
                    layer.emit(t);
                }
            }
            case "CANCEL" -> {
                if (t == null || t.state.finished()) {
                    return;
                }
                String code = get(f, "Cancel-Code");
                String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
                boolean reject = c.startsWith("REJECT") && t.ranges.covered() == 0;
                t.flow = o.flow;
                layer.finish(t, reject ? Transfer.State.DECLINED : Transfer.State.CANCELLED,
                        "Cancel-Code " + (code == null ? "(none)" : code.trim()));
            }
            default -> { }
        }
    }

    private static String get(Map<String, String> f, String name) {
        for (Map.Entry<String, String> e : f.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** What a BYE code says (hypothetic.org, yellows111 msnftp). */
    static String byeMeaning(String code) {
        return switch (code) {
            case "16777989" -> "success (received)";
            case "16777987" -> "success (sent)";
            case "2147942405" -> "the receiver is out of disk space";
            case "2164261682" -> "the receiver cancelled";
            case "2164261683" -> "the sender cancelled";
            case "2164261694" -> "the connection is blocked or timed out";
            default -> "unknown code";
        };
    }

    /** One MSNFTP TCP session: its commands and, after TFR, the sender's blocks. */
    public static final class Session {
        /** Where the sender's direction is in its block framing. */
        private enum BlockState { HEADER, DATA, DONE }

        private final P2pLayer layer;
        private final String flow;
        private final P2pLayer.Listener listener;
        private Transfer transfer;
        private String receiverAccount;
        /** true when the connecting side (c2s) sends the file */
        private Boolean senderIsClient;
        private BlockState blocks = BlockState.HEADER;
        private final byte[] header = new byte[3];
        private int headerFill;
        private int blockLeft;
        private long offset;
        private final P2pLayer.Origin origin = new P2pLayer.Origin();

        public Session(P2pLayer layer, String flow, P2pLayer.Listener listener) {
            this.layer = layer;
            this.flow = flow;
            this.listener = listener;
            if (listener != null && listener.msnftp()) {
                this.transfer = listener.transfer();
            }
        }

        /**
         * A command line of the session; returns true when the other direction now carries
         * blocks (the caller switches its framer to raw bytes).
         */
        public boolean command(boolean fromClient, String verb, String[] args) {
            String dir = fromClient ? "c2s" : "s2c";
            switch (verb) {
                case "USR" -> {
                    if (args.length >= 1) {
                        receiverAccount = args[0];
                    }
                    if (args.length >= 2) {
                        Transfer t = layer.byCall("AUTH:" + args[1]);
                        if (t != null && (transfer == null || transfer == t)) {
                            transfer = t;
                        }
                    }
                }
                case "FIL" -> {
                    senderIsClient = fromClient;
                    long size = -1;
                    if (args.length >= 1) {
                        try {
                            size = Long.parseLong(args[0]);
                        } catch (NumberFormatException e) {
                            layer.anomaly(flow, AnomalyCode.MSNFTP_BAD_BLOCK, dir + ": FIL size is not a number");
                        }
                    }
                    if (transfer == null || transfer.state.finished()) {
                        origin.set(flow, null, dir, null, receiverAccount, "msnftp", 0);
                        transfer = layer.newTransfer(origin);
                        transfer.kind = "file";
                        transfer.transport = "msnftp";
                        transfer.to = receiverAccount;
                        transfer.size = size;
                        layer.emit(transfer);
                    } else if (size >= 0 && transfer.size != size) {
                        layer.anomaly(flow, AnomalyCode.P2P_SIZE_MISMATCH, dir + ": transfer " + transfer.id
                                + " was invited as " + transfer.size + " bytes; FIL says " + size);
                        transfer.size = size;
                    }
                }
                case "TFR" -> {
                    if (senderIsClient == null) {
                        senderIsClient = !fromClient;
                    }
                    return senderIsClient != fromClient;
                }
                case "CCL" -> cancel(dir + ": CCL (the receiver cancelled)");
                case "BYE" -> {
                    String code = args.length >= 1 ? args[0] : "";
                    if (transfer != null && !transfer.state.finished() && !transfer.complete()) {
                        if (code.equals("16777989") || code.equals("16777987")) {
                            transfer.flow = flow;
                            layer.finish(transfer, Transfer.State.INCOMPLETE, "BYE " + code + " (" + byeMeaning(code)
                                    + "): " + Math.max(0, transfer.size - transfer.ranges.covered())
                                    + " bytes are missing from the capture, not from the transfer");
                        } else {
                            cancel("BYE " + code + " (" + byeMeaning(code) + ")");
                        }
                    }
                }
                default -> { }
            }
            return false;
        }

        private void cancel(String why) {
            if (transfer != null && !transfer.state.finished()) {
                transfer.flow = flow;
                layer.anomaly(flow, AnomalyCode.MSNFTP_CANCELLED, "transfer " + transfer.id + ": " + why);
                layer.finish(transfer, Transfer.State.CANCELLED, why);
            }
        }

        /** Bytes of the sender's direction after TFR. */
        public void raw(boolean fromClient, byte[] b, int off, int len, long streamOffset) {
            String dir = fromClient ? "c2s" : "s2c";
            int p = off;
            int end = off + len;
            long pos = streamOffset;
            while (p < end && blocks != BlockState.DONE) {
                if (blocks == BlockState.HEADER) {
                    int n = Math.min(3 - headerFill, end - p);
                    System.arraycopy(b, p, header, headerFill, n);
                    headerFill += n;
                    p += n;
                    pos += n;
                    if (headerFill < 3) {
                        return;
                    }
                    headerFill = 0;
                    int flag = header[0] & 0xFF;
                    int l = (header[1] & 0xFF) | (header[2] & 0xFF) << 8;
                    if (flag != 0) {
                        blocks = BlockState.DONE;
                        if (transfer != null && !transfer.complete()) {
                            cancel(dir + ": a block with flag " + flag + " before the file was complete (the sender ended it)");
                        }
                        return;
                    }
                    if (l > MAX_BLOCK || transfer == null || (transfer.size >= 0 && offset + l > transfer.size)) {
                        layer.anomaly(flow, AnomalyCode.MSNFTP_BAD_BLOCK, dir + ": block header at stream offset "
                                + (pos - 3) + " announces " + l + " bytes"
                                + (transfer == null ? " before any FIL" : " past the file's " + transfer.size
                                + " bytes or the 2045-byte block size") + "; the rest is not read");
                        blocks = BlockState.DONE;
                        return;
                    }
                    blockLeft = l;
                    blocks = l == 0 ? BlockState.HEADER : BlockState.DATA;
                } else {
                    int n = Math.min(blockLeft, end - p);
                    origin.set(flow, transfer.conversation, dir, transfer.from, transfer.to, "msnftp", pos);
                    if (!transfer.state.finished()) {
                        layer.write(origin, transfer, offset, b, p, n);
                    }
                    offset += n;
                    blockLeft -= n;
                    p += n;
                    pos += n;
                    if (blockLeft == 0) {
                        blocks = BlockState.HEADER;
                    }
                }
            }
        }

        public void rawGap(boolean fromClient, long streamOffset, long length) {
            if (blocks == BlockState.DATA && length <= blockLeft) {
                // still inside a block: the bytes are missing, the framing is not lost
                offset += length;
                blockLeft -= (int) length;
                if (blockLeft == 0) {
                    blocks = BlockState.HEADER;
                }
                return;
            }
            if (blocks != BlockState.DONE) {
                layer.anomaly(flow, AnomalyCode.MSNFTP_BAD_BLOCK, (fromClient ? "c2s" : "s2c") + ": " + length
                        + " bytes missing at stream offset " + streamOffset + " cut the block framing; the rest is not read");
                blocks = BlockState.DONE;
            }
        }
    }
}
