package org.msnscope.decoder.event;

/**
 * What became of a message sent with acknowledgement mode A, N or D.
 *
 * @param conversation the conversation id
 * @param trid the message's TrID
 * @param result {@code ack} (ACK), {@code nak} (NAK: not delivered) or {@code none} (the session
 *        ended without an answer to a message that asked for one)
 * @param messageFrame the frame that completed the message
 */
public record DeliveryEvent(long tsNanos, int tsDigits, long frame, String flow, String conversation, long trid,
        String result, long messageFrame) implements Event {
    @Override
    public String type() {
        return "delivery";
    }
}
