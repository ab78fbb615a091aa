package dev.chat.delivery.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.common.internal.DeliveryBatch.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HandOffPlanTest {

    private static final UUID MESSAGE = UUID.randomUUID();
    private static final UUID CHAT = UUID.randomUUID();

    @Test
    void aFrameForUsersOnTwoGatewaysTravelsOncePerGatewayWithItsUsersInOrder() {
        List<UUID> members = users(6);
        Delivery groupMessage = new Delivery(members, MESSAGE, CHAT, "frame", members.get(0), "phone");

        Map<String, List<Delivery>> plan = HandOffPlan.byGateway(List.of(groupMessage),
                user -> members.indexOf(user) % 2 == 0 ? List.of("g-even") : List.of("g-odd"));

        assertEquals(List.of("g-even", "g-odd"), List.copyOf(plan.keySet()));
        Delivery toEven = plan.get("g-even").get(0);
        assertEquals(List.of(members.get(0), members.get(2), members.get(4)), toEven.userIds());
        assertEquals(List.of(members.get(1), members.get(3), members.get(5)), plan.get("g-odd").get(0).userIds());
        assertEquals(groupMessage.to(toEven.userIds()), toEven, "the frame, its message and its excepted device unchanged");
    }

    @Test
    void aUserOnTwoGatewaysIsHandedTheFrameByBothAndAnOfflineUserByNone() {
        UUID both = UUID.randomUUID();
        UUID offline = UUID.randomUUID();

        Map<String, List<Delivery>> plan = HandOffPlan.byGateway(List.of(new Delivery(List.of(both, offline), "f")),
                user -> user.equals(both) ? List.of("g-1", "g-2") : List.of());

        assertEquals(Set.of("g-1", "g-2"), plan.keySet());
        plan.values().forEach(deliveries -> assertEquals(List.of(both), deliveries.get(0).userIds()));
    }

    @Test
    void eachGatewayGetsThePollsFramesInTheirOrder() {
        List<UUID> users = users(10);
        List<Delivery> poll = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            poll.add(new Delivery(i % 3 == 0 ? users : List.of(users.get(i % users.size())), "frame-" + i));
        }

        Map<String, List<Delivery>> plan = HandOffPlan.byGateway(poll, user -> List.of(users.indexOf(user) < 5 ? "g-1" : "g-2"));

        for (UUID user : users) {
            List<String> expected = poll.stream().filter(d -> d.userIds().contains(user)).map(Delivery::frame).toList();
            List<String> handed = plan.get(users.indexOf(user) < 5 ? "g-1" : "g-2").stream()
                    .filter(d -> d.userIds().contains(user)).map(Delivery::frame).toList();
            assertEquals(expected, handed, "every frame of the user once, in the poll's order");
        }
    }

    @Test
    void requestsNameAtMostTheBoundOfUsersSplittingALargeFrameAndKeepEveryUserOnceInOrder() {
        List<UUID> many = users(7);
        UUID one = UUID.randomUUID();
        List<Delivery> lane = List.of(new Delivery(List.of(one), "first"), new Delivery(many, "group"),
                new Delivery(List.of(one), "last"));

        List<List<Delivery>> requests = HandOffPlan.requests(lane, 3);

        assertEquals(List.of(3, 3, 3), requests.stream().map(r -> r.stream().mapToInt(d -> d.userIds().size()).sum()).toList());
        List<String> flattened = requests.stream().flatMap(List::stream)
                .flatMap(d -> d.userIds().stream().map(user -> d.frame() + ":" + user)).toList();
        List<String> expected = new ArrayList<>(List.of("first:" + one));
        many.forEach(user -> expected.add("group:" + user));
        expected.add("last:" + one);
        assertEquals(expected, flattened);
        assertEquals(List.of("first", "group"), requests.get(0).stream().map(Delivery::frame).toList(),
                "the group frame starts in the first request's room");
    }

    private static List<UUID> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
    }
}
