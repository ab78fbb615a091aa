package dev.chat.web.proxy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service answers which public path: the same table as the Helm chart's ingress
 * (deploy/helm/chat-backend/templates/ingress.yaml), so that a client works alike behind either;
 * the chart's IngressTest renders the chart and compares its routes with {@link #PREFIXES}. Paths
 * outside it ({@code /internal}, {@code /q}) are never routed.
 */
public final class ApiRoutes {

    /**
     * Path prefixes, each to the short name of the service that answers it. The chart's tests
     * check that the ingress routes exactly these, and the rest ({@code /}) to the web client.
     */
    public static final Map<String, String> PREFIXES = table();

    private ApiRoutes() {
    }

    private static Map<String, String> table() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("/ws", "gateway");
        for (String path : List.of("/v1/groups", "/v1/blocks", "/v1/attachments")) {
            prefixes.put(path, "message");
        }
        prefixes.put("/v1/presence", "presence");
        prefixes.put("/v1/inbox", "inbox");
        prefixes.put("/v1/chats", "inbox");
        prefixes.put("/v1/accounts", "contacts");
        prefixes.put("/v1/contacts", "contacts");
        return Map.copyOf(prefixes);
    }

    /** The service that answers {@code path} (without its query), as a Prefix rule of an Ingress matches. */
    public static Optional<String> serviceOf(String path) {
        return PREFIXES.entrySet().stream()
                .filter(route -> path.equals(route.getKey()) || path.startsWith(route.getKey() + "/"))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
