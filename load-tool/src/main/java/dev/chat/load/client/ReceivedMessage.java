package dev.chat.load.client;

/**
 * A message as a connection received it: its body, and what its acknowledgement needs to name it
 * (in the chat protocol the chat, the sender and the server's message id).
 */
public record ReceivedMessage(String body, String chatId, String from, String messageId) {
}
