package dev.chat.common.internal;

import java.util.List;
import java.util.UUID;

/**
 * delivery-service → one gateway instance: frames to push, each to every socket of a user on that
 * instance, in list order.
 */
public record DeliveryBatch(List<Delivery> deliveries) {

    /**
     * @param userId whose sockets get the frame
     * @param messageId the message the frame carries, or null for receipts and typing; used by
     *        the gateway to skip a message a device's catch-up already pushed
     * @param chatId the chat of that message (null with it): the gateway remembers what it pushed
     *        to each device, so that the device's {@code delivered} for it needs no read
     * @param frame the frame's JSON, serialised once by delivery-service
     * @param exceptDeviceId a device of the user that must not get the frame (the one that sent
     *        the message, which has its ack); null for none
     */
    public record Delivery(UUID userId, UUID messageId, UUID chatId, String frame, String exceptDeviceId) {

        /** A frame that carries no message (a receipt, typing). */
        public Delivery(UUID userId, String frame) {
            this(userId, null, null, frame, null);
        }
    }
}
