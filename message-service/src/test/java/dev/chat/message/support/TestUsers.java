package dev.chat.message.support;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import io.quarkus.arc.Arc;
import java.time.Instant;
import java.util.UUID;

/** Accounts for the tests, written as contacts-service writes them: message-service only reads them. */
public final class TestUsers {

    private TestUsers() {
    }

    /** A new user id with an account row. */
    public static UUID registered() {
        UUID id = UUID.randomUUID();
        QuarkusCqlSession session = Arc.container().instance(QuarkusCqlSession.class).get();
        session.execute("INSERT INTO users (user_id, phone_number, display_name, created_at) VALUES (?, ?, ?, ?)",
                id, "+1555" + Math.abs(id.getLeastSignificantBits() % 10_000_000L), "test user", Instant.now());
        return id;
    }
}
