package dev.chat.gateway.sessions;

import dev.chat.support.hashing.Sha256;
import java.nio.ByteBuffer;

/**
 * A client's id of a send, as the first 128 bits of its SHA-256: how a socket remembers the sends
 * it acked ({@link RecentAcks}) without keeping the string. Computed once per send frame and used
 * both to look the send up and to remember its ack.
 */
public record ClientIdDigest(long high, long low) {

    public static ClientIdDigest of(String clientId) {
        ByteBuffer digest = ByteBuffer.wrap(Sha256.of(clientId));
        return new ClientIdDigest(digest.getLong(0), digest.getLong(8));
    }
}
