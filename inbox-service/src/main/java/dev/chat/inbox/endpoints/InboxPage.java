package dev.chat.inbox.endpoints;

import dev.chat.inbox.storage.InboxEntry;
import java.util.List;

/**
 * One page of a user's conversations, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record InboxPage(List<InboxEntry> conversations, String nextCursor) {
}
