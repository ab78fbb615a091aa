package dev.chat.gateway.sessions;

import dev.chat.gateway.auth.AuthenticatedDevice;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sockets this gateway instance holds, by connection and by user. */
@ApplicationScoped
public class SessionRegistry {

    private final Map<String, ClientSession> byConnection = new ConcurrentHashMap<>();
    private final Map<UUID, List<ClientSession>> byUser = new ConcurrentHashMap<>();

    public SessionRegistry(MeterRegistry registry) {
        Gauge.builder("gateway.sockets", byConnection, Map::size)
                .description("Authenticated sockets this instance holds").register(registry);
    }

    public ClientSession open(WebSocketConnection connection, AuthenticatedDevice device) {
        ClientSession session = new ClientSession(connection, device);
        byConnection.put(connection.id(), session);
        // The add happens inside the map's atomic step: added after it, a session could land in a
        // list that a concurrent close of the user's last socket had just dropped from the map.
        byUser.compute(device.userId(), (user, list) -> {
            List<ClientSession> sessions = list != null ? list : new CopyOnWriteArrayList<>();
            sessions.add(session);
            return sessions;
        });
        return session;
    }

    public ClientSession get(WebSocketConnection connection) {
        return byConnection.get(connection.id());
    }

    /** Forgets the socket; returns whether another socket of the same device is still here. */
    public boolean close(ClientSession session) {
        byConnection.remove(session.connectionId());
        List<ClientSession> sessions = byUser.computeIfPresent(session.userId(), (user, list) -> {
            list.remove(session);
            return list.isEmpty() ? null : list;
        });
        return sessions != null && sessions.stream().anyMatch(s -> s.deviceId().equals(session.deviceId()));
    }

    public List<ClientSession> sessionsOf(UUID userId) {
        return byUser.getOrDefault(userId, List.of());
    }

    public Collection<ClientSession> all() {
        return new ArrayList<>(byConnection.values());
    }

}
