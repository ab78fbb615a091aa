package dev.chat.contacts.support;

import java.util.concurrent.ThreadLocalRandom;

/** Phone numbers no other test uses: the tests share one Cassandra. */
public final class Phones {

    private Phones() {
    }

    /** A fresh E.164 number in a US fictional-looking range. */
    public static String fresh() {
        return "+1" + (2_000_000_000L + ThreadLocalRandom.current().nextLong(7_999_999_999L));
    }
}
