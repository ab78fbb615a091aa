package dev.chat.web.proxy;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service. Requests go round the instances in turn; one whose connection
 * fails (a stopped gateway) is passed over for the next, so that a client reconnecting after a
 * gateway went away reaches another one at its first attempt, as behind a Kubernetes Service.
 */
final class Upstream {

    private final String service;
    private final List<SocketAddress> instances;
    private final AtomicInteger next = new AtomicInteger();

    Upstream(String service, List<String> hostPorts) {
        if (hostPorts.isEmpty()) {
            throw new IllegalArgumentException("chat.web.proxy." + service + " lists no instance");
        }
        this.service = service;
        this.instances = hostPorts.stream().map(Upstream::address).toList();
    }

    private static SocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("an instance is host:port, not '" + hostPort + "'");
        }
        return SocketAddress.inetSocketAddress(Integer.parseInt(hostPort.substring(colon + 1).trim()),
                hostPort.substring(0, colon).trim());
    }

    String service() {
        return service;
    }

    List<SocketAddress> instances() {
        return instances;
    }

    /** A request to the next instance that accepts a connection; fails when none does. */
    Future<HttpClientRequest> open(HttpClient client) {
        return attempt(client, Math.floorMod(next.getAndIncrement(), instances.size()), instances.size());
    }

    private Future<HttpClientRequest> attempt(HttpClient client, int index, int left) {
        Future<HttpClientRequest> request = client.request(new RequestOptions().setServer(instances.get(index)));
        return left == 1 ? request : request.recover(refused -> attempt(client, (index + 1) % instances.size(), left - 1));
    }
}
