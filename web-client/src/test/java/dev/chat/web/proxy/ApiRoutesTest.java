package dev.chat.web.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {

    @Test
    void everyPublicPathGoesToTheServiceTheIngressSendsItTo() {
        assertEquals(Optional.of("gateway"), ApiRoutes.serviceOf("/ws"));
        assertEquals(Optional.of("message"), ApiRoutes.serviceOf("/v1/groups"));
        assertEquals(Optional.of("message"), ApiRoutes.serviceOf("/v1/groups/1/members"));
        assertEquals(Optional.of("message"), ApiRoutes.serviceOf("/v1/blocks/2"));
        assertEquals(Optional.of("message"), ApiRoutes.serviceOf("/v1/attachments"));
        assertEquals(Optional.of("presence"), ApiRoutes.serviceOf("/v1/presence/lookup"));
        assertEquals(Optional.of("inbox"), ApiRoutes.serviceOf("/v1/inbox"));
        assertEquals(Optional.of("inbox"), ApiRoutes.serviceOf("/v1/chats/3/messages"));
        assertEquals(Optional.of("contacts"), ApiRoutes.serviceOf("/v1/accounts/me/devices"));
        assertEquals(Optional.of("contacts"), ApiRoutes.serviceOf("/v1/contacts"));
    }

    @Test
    void internalAndManagementPathsAndLookAlikesAreNotRouted() {
        assertEquals(Optional.empty(), ApiRoutes.serviceOf("/internal/deliveries"));
        assertEquals(Optional.empty(), ApiRoutes.serviceOf("/q/metrics"));
        assertEquals(Optional.empty(), ApiRoutes.serviceOf("/v1/groupsx"));
        assertEquals(Optional.empty(), ApiRoutes.serviceOf("/v1/unknown"));
        assertEquals(Optional.empty(), ApiRoutes.serviceOf("/wsx"));
    }
}
