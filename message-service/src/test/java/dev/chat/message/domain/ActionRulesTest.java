package dev.chat.message.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chat.common.errors.Refusal;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.MessageAction;
import dev.chat.message.storage.ChatMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActionRulesTest {

    private final ActionRules rules = new ActionRules(Duration.ofMinutes(15), Duration.ofHours(48));
    private final UUID author = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final Instant sent = Instant.parse("2026-12-05T10:00:00Z");
    private final ChatMessages.Found message = new ChatMessages.Found(UUID.randomUUID(), author, sent, null, false, null);

    @Test
    void theAuthorEditsWithinTheEditWindowAndNotAfter() {
        assertSame(message, rules.requireAllowed(MessageAction.EDIT, Optional.of(message), message.messageId(), author, false,
                sent.plus(Duration.ofMinutes(15))));
        Refusal late = assertThrows(Refusal.class, () -> rules.requireAllowed(MessageAction.EDIT, Optional.of(message),
                message.messageId(), author, false, sent.plus(Duration.ofMinutes(15)).plusMillis(1)));
        assertEquals(ErrorCode.TOO_LATE, late.code());
        assertEquals("a message can be edited within 15 minutes of sending it", late.getMessage());
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(MessageAction.EDIT, other, true, sent).code(),
                "not even a group admin edits another's message");
    }

    @Test
    void theAuthorOrAnAdminDeletesWithinTheDeleteWindow() {
        assertSame(message, rules.requireAllowed(MessageAction.DELETE, Optional.of(message), message.messageId(), other, true,
                sent.plus(Duration.ofHours(47))));
        assertEquals(ErrorCode.NOT_ALLOWED, refusal(MessageAction.DELETE, other, false, sent).code());
        assertEquals(ErrorCode.TOO_LATE, refusal(MessageAction.DELETE, author, false, sent.plus(Duration.ofHours(49))).code());
    }

    @Test
    void anyoneInTheChatReactsAtAnyTime() {
        assertSame(message, rules.requireAllowed(MessageAction.REACT, Optional.of(message), message.messageId(), other, false,
                sent.plus(Duration.ofDays(365))));
    }

    @Test
    void missingDeletedAndSystemMessagesTakeNoActionAndNoReply() {
        UUID id = message.messageId();
        assertEquals(ErrorCode.UNKNOWN_MESSAGE, assertThrows(Refusal.class, () -> rules.requireAllowed(MessageAction.REACT,
                Optional.empty(), id, author, false, sent)).code());
        ChatMessages.Found deleted = new ChatMessages.Found(id, author, sent, null, true, null);
        ChatMessages.Found system = new ChatMessages.Found(id, author, sent, "added", false, null);
        for (ChatMessages.Found found : new ChatMessages.Found[] {deleted, system}) {
            assertEquals(ErrorCode.NOT_ALLOWED, assertThrows(Refusal.class, () -> rules.requireAllowed(MessageAction.REACT,
                    Optional.of(found), id, author, false, sent)).code());
            assertEquals(ErrorCode.NOT_ALLOWED, assertThrows(Refusal.class, () -> rules.requireReplyable(Optional.of(found), id))
                    .code());
        }
        assertEquals(ErrorCode.UNKNOWN_MESSAGE, assertThrows(Refusal.class, () -> rules.requireReplyable(Optional.empty(), id))
                .code());
    }

    @Test
    void windowsAreWrittenAsPeopleSayThem() {
        assertEquals("15 minutes", ActionRules.describe(Duration.ofMinutes(15)));
        assertEquals("1 hour", ActionRules.describe(Duration.ofHours(1)));
        assertEquals("48 hours", ActionRules.describe(Duration.ofHours(48)));
        assertEquals("90 seconds", ActionRules.describe(Duration.ofSeconds(90)));
    }

    private Refusal refusal(MessageAction action, UUID actor, boolean admin, Instant at) {
        return assertThrows(Refusal.class, () -> rules.requireAllowed(action, Optional.of(message), message.messageId(), actor,
                admin, at));
    }
}
