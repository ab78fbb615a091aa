package dev.chat.common.internal;

/** gateway → delivery-service: how many sockets a batch's frames were written to. */
public record DeliveryResult(int pushed) {
}
