package dev.chat.load.client;

import java.util.List;

/**
 * The protocol the load tool speaks to the system under test: how users are made, how a user's
 * connection is opened and how groups come about. The workloads, their numbering and their
 * measurements are the same whatever the protocol.
 */
public interface Protocol {

    /** Its name in the results ("chat", "xmpp"). */
    String name();

    /**
     * Where {@link #register} creates accounts, for the progress line.
     *
     * @throws IllegalArgumentException when accounts cannot be created with the options given
     */
    String accountsLocation();

    /** Registers {@code count} accounts that can send and receive. */
    List<ChatUser> register(int count);

    /**
     * Whether users that only connect and listen may be minted with the local stack's key instead
     * of registered (such users are kept in a file of their own).
     */
    boolean mintsListenOnlyUsers();

    /** A connection for {@code user}, not yet connected. */
    ChatClient newClient(ChatUser user, int index, ChatClient.Listener listener);

    /**
     * Makes a group of {@code members}, the first its creator, before they connect; returns the
     * group's id. Each member then joins with {@link #joinGroup} once connected.
     */
    String createGroup(List<ChatUser> members);

    /**
     * Uploads {@code bytes} as {@code user}'s attachment of type {@code contentType}; returns the
     * descriptor a send carries (JSON). Only the chat protocol has attachments.
     */
    default String uploadAttachment(ChatUser user, byte[] bytes, String contentType) {
        throw new UnsupportedOperationException("attachments are a feature of the chat protocol only");
    }

    /** Completes once {@code member}, connected, receives the group's messages. */
    io.vertx.core.Future<Void> joinGroup(ChatClient member, String groupId);
}
