package org.msnscope.decoder.event;

import java.util.List;

/**
 * A transfer (P2P session, MSNFTP file) changed state or made progress.
 *
 * @param transfer the transfer id, {@code T1}, {@code T2}... in first-seen order
 * @param state offered, accepted, transferring, declined, cancelled, completed or incomplete
 * @param kind display_picture, dynamic_display_picture, emoticon, wink, voice_clip, background, state,
 *        location, msnobject (an MSNObject of another type), file, webcam, activity, photo_sharing or unknown
 * @param conversation the switchboard conversation that negotiated it, or null
 * @param from the sender of the object (for a picture: its owner), or null when unknown
 * @param to the receiver, or null when unknown
 * @param name the file name (sanitised), the MSNObject's friendly name or location, or null
 * @param size the object's announced size in bytes, or null when unknown
 * @param received distinct bytes received so far
 * @param complete true when every byte of {@code size} arrived
 * @param sha1 hex SHA-1 of the object once complete, else null
 * @param verified for MSNObjects, whether that SHA-1 matches the advertised SHA1D; null when there is
 *        nothing to verify against
 * @param missing for incomplete and cancelled transfers, the byte ranges [start, end) never received
 * @param transport switchboard, direct or msnftp (where the data went)
 * @param p2pVersion 1 or 2 for P2P, null for MSNFTP
 * @param sessionId the P2P session id, or null
 * @param callId the MSNSLP Call-ID, or the MSNFTP Invitation-Cookie
 * @param eufGuid the EUF-GUID (or MSNFTP Application-GUID) as sent
 * @param appId the P2P application id, or null
 * @param cutOff true when the object was larger than the size limit and bytes past it were not kept
 * @param conflicts pieces that overlapped earlier bytes with different content (the first copy wins)
 * @param reason for declined, cancelled and incomplete: why (status line, cancel code, end of capture)
 * @param fileType for P2P files, the file context's type word (0 with a preview, 1 without), else null
 * @param previewLength for P2P files, bytes of preview image in the file context, else null
 */
public record TransferEvent(long tsNanos, int tsDigits, long frame, String flow, String transfer, String state,
        String kind, String conversation, String from, String to, String name, Long size, long received,
        boolean complete, String sha1, Boolean verified, List<long[]> missing, String transport, Integer p2pVersion,
        Long sessionId, String callId, String eufGuid, Long appId, boolean cutOff, long conflicts, String reason,
        Long fileType, Integer previewLength)
        implements Event {
    @Override
    public String type() {
        return "transfer";
    }
}
