package dev.chat.common.internal;

import java.util.List;
import java.util.UUID;

/**
 * delivery-service → one gateway instance: frames to push, in list order, each to every socket
 * that the users it names hold on that instance, in the order of those users. A frame for many
 * users (a group message, a group-wide receipt) travels once, with its users.
 */
public record DeliveryBatch(List<Delivery> deliveries) {

    /**
     * @param userIds whose sockets get the frame
     * @param messageId the message the frame carries, or null for receipts and typing; used by
     *        the gateway to skip a message a device's catch-up already pushed
     * @param chatId the chat of that message (null with it): the gateway remembers what it pushed
     *        to each device, so that the device's {@code delivered} for it needs no read
     * @param frame the frame's JSON, serialised once by delivery-service
     * @param exceptUserId with {@code exceptDeviceId}, the one device that must not get the frame
     *        (the one that sent the message, which has its ack); both null for none
     * @param exceptDeviceId that device's id (device ids are unique per user only)
     */
    public record Delivery(List<UUID> userIds, UUID messageId, UUID chatId, String frame, UUID exceptUserId,
            String exceptDeviceId) {

        /** A frame that carries no message (a receipt, typing). */
        public Delivery(List<UUID> userIds, String frame) {
            this(userIds, null, null, frame, null, null);
        }

        /** The same frame for other users. */
        public Delivery to(List<UUID> users) {
            return new Delivery(users, messageId, chatId, frame, exceptUserId, exceptDeviceId);
        }

        /** Whether this device of this user must not get the frame. */
        public boolean excepts(UUID userId, String deviceId) {
            return userId.equals(exceptUserId) && deviceId.equals(exceptDeviceId);
        }
    }
}
