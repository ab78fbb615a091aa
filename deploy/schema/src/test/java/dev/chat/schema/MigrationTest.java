package dev.chat.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void statementsAreSplitAtSemicolonsAndCommentsDropped() {
        Migration migration = Migration.parse("V007__add_things.cql", """
                -- a comment; with a semicolon
                CREATE TABLE a (x int PRIMARY KEY);

                CREATE TABLE b (
                    y int PRIMARY KEY
                ) WITH comment = 'b';
                """);
        assertEquals(7, migration.version());
        assertEquals("add things", migration.description());
        assertEquals(List.of("CREATE TABLE a (x int PRIMARY KEY)",
                "CREATE TABLE b (\n    y int PRIMARY KEY\n) WITH comment = 'b'"), migration.statements());
    }

    @Test
    void checksumFollowsTheText() {
        assertNotEquals(Migration.parse("V1__a.cql", "CREATE TABLE a (x int PRIMARY KEY);").checksum(),
                Migration.parse("V1__a.cql", "CREATE TABLE a (x text PRIMARY KEY);").checksum());
    }

    @Test
    void badlyNamedFilesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Migration.parse("create_tables.cql", ""));
    }

    @Test
    void theProjectsMigrationsLoadInVersionOrder() {
        List<Migration> migrations = MigrationSource.load();
        assertTrue(!migrations.isEmpty());
        for (int i = 0; i < migrations.size(); i++) {
            assertEquals(i + 1, migrations.get(i).version(), "versions are consecutive from 1");
        }
    }
}
