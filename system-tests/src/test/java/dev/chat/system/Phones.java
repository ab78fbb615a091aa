package dev.chat.system;

import java.util.concurrent.ThreadLocalRandom;

/** Phone numbers no other test uses. */
final class Phones {

    private Phones() {
    }

    static String fresh() {
        return "+1" + (2_000_000_000L + ThreadLocalRandom.current().nextLong(7_999_999_999L));
    }
}
