package dev.chat.web.proxy;

import dev.chat.web.config.WebClientConfig;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On the local stack: the API's paths ({@link ApiRoutes}) to the services, the WebSocket
 * included, so that the browser talks to one origin as it does behind the ingress. Nothing is
 * proxied unless {@code chat.web.proxy.gateway} is set ({@link WebClientConfig}).
 *
 * <p>Requests and responses are streamed, not buffered; the token (header or {@code access_token}
 * query) passes through untouched and is checked by the service, never here.
 */
@ApplicationScoped
public class ApiProxy {

    private final WebClientConfig config;

    public ApiProxy(WebClientConfig config) {
        this.config = config;
    }

    void install(@Observes Router router, Vertx vertx) {
        Map<String, Upstream> upstreams = upstreams(config.proxy());
        if (upstreams.isEmpty()) {
            return;
        }
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setConnectTimeout(2_000));
        Map<String, HttpProxy> proxies = new LinkedHashMap<>();
        upstreams.forEach((service, upstream) -> proxies.put(service,
                HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                        .originRequestProvider((request, httpClient) -> upstream.open(httpClient))));
        router.route("/ws").handler(context -> proxies.get("gateway").handle(context.request()));
        router.route("/v1/*").handler(context -> {
            Optional<HttpProxy> proxy = ApiRoutes.serviceOf(context.normalizedPath()).map(proxies::get);
            if (proxy.isPresent()) {
                proxy.get().handle(context.request());
            } else {
                context.next();
            }
        });
        upstreams.values().forEach(upstream -> Log.infof("proxying %s to %s", upstream.service(), upstream.instances()));
    }

    /** The configured services by short name; empty without gateways. Fails naming a service left out. */
    static Map<String, Upstream> upstreams(WebClientConfig.Proxy proxy) {
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        if (proxy.gateway().isEmpty()) {
            return upstreams;
        }
        put(upstreams, "gateway", proxy.gateway());
        put(upstreams, "message", proxy.message());
        put(upstreams, "presence", proxy.presence());
        put(upstreams, "inbox", proxy.inbox());
        put(upstreams, "contacts", proxy.contacts());
        return upstreams;
    }

    private static void put(Map<String, Upstream> upstreams, String service, Optional<List<String>> instances) {
        upstreams.put(service, new Upstream(service, instances.orElseThrow(() -> new IllegalArgumentException(
                "chat.web.proxy.gateway is set, so chat.web.proxy." + service + " must be too"))));
    }
}
