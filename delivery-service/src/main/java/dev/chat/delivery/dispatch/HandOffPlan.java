package dev.chat.delivery.dispatch;

import dev.chat.common.internal.DeliveryBatch.Delivery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Splits a poll's deliveries into what each gateway is handed, and that into requests.
 *
 * <p>Guarantees: each gateway's deliveries keep the poll's order, so every user gets its frames
 * in that order; a frame for many users on one gateway stays one delivery naming them (in the
 * order they had), split only at a request's bound; a request names at most
 * {@code recipientsPerRequest} users, counted over its deliveries.
 */
final class HandOffPlan {

    private HandOffPlan() {
    }

    /** Per gateway, the deliveries for its users, in the poll's order. */
    static Map<String, List<Delivery>> byGateway(List<Delivery> deliveries, Function<UUID, Collection<String>> gatewaysOf) {
        Map<String, List<Delivery>> byGateway = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            Map<String, List<UUID>> usersByGateway = new LinkedHashMap<>();
            for (UUID user : delivery.userIds()) {
                for (String gateway : gatewaysOf.apply(user)) {
                    usersByGateway.computeIfAbsent(gateway, g -> new ArrayList<>()).add(user);
                }
            }
            usersByGateway.forEach((gateway, users) -> byGateway.computeIfAbsent(gateway, g -> new ArrayList<>())
                    .add(users.size() == delivery.userIds().size() ? delivery : delivery.to(users)));
        }
        return byGateway;
    }

    /** One gateway's deliveries cut into requests of at most {@code recipientsPerRequest} users each. */
    static List<List<Delivery>> requests(List<Delivery> deliveries, int recipientsPerRequest) {
        List<List<Delivery>> requests = new ArrayList<>();
        List<Delivery> request = new ArrayList<>();
        int room = recipientsPerRequest;
        for (Delivery delivery : deliveries) {
            List<UUID> users = delivery.userIds();
            while (!users.isEmpty()) {
                if (room == 0) {
                    requests.add(request);
                    request = new ArrayList<>();
                    room = recipientsPerRequest;
                }
                int taken = Math.min(room, users.size());
                request.add(taken == delivery.userIds().size() ? delivery : delivery.to(users.subList(0, taken)));
                users = users.subList(taken, users.size());
                room -= taken;
            }
        }
        if (!request.isEmpty()) {
            requests.add(request);
        }
        return requests;
    }
}
