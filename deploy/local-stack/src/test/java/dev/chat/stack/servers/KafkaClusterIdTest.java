package dev.chat.stack.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class KafkaClusterIdTest {

    @Test
    void clusterIdsAre22UrlSafeCharactersAndNeverLookLikeAnOption() {
        // One id in 64 would start with '-' if nothing prevented it; 20,000 draws all but surely include such cases.
        for (int i = 0; i < 20_000; i++) {
            String id = KafkaServer.clusterId();
            assertEquals(22, id.length());
            assertNotEquals('-', id.charAt(0), id);
            assertEquals(id, id.replaceAll("[^A-Za-z0-9_-]", ""));
        }
    }
}
