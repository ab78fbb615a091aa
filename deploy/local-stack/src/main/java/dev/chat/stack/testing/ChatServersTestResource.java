package dev.chat.stack.testing;

import dev.chat.stack.servers.RunningStack;
import dev.chat.stack.servers.Server;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Gives a service's {@code @QuarkusTest}s the real servers it depends on, once per test module:
 * a running local stack, else Testcontainers where Docker answers, else child processes (see
 * {@link InfrastructureMode}). The schema is applied and the topics created before the service
 * starts; the servers this resource started are stopped, by pid, when the module's tests end.
 *
 * <p>It also issues the tests' internal certificates ({@link InternalApi}) and names their folder.
 *
 * <p>Init argument {@code servers}: which of {@code cassandra,kafka,redis} (default all).
 */
public final class ChatServersTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(ChatServersTestResource.class);

    private Set<Server> needed;
    private TestServers servers;

    @Override
    public void init(Map<String, String> initArgs) {
        needed = Server.parseList(initArgs.get("servers"));
    }

    @Override
    public Map<String, String> start() {
        if (needed == null) {
            needed = Server.parseList(null);
        }
        servers = provide(needed);
        Map<String, String> config = new HashMap<>(servers.quarkusConfig());
        config.put(InternalApi.ROOT_PROPERTY, InternalApi.certificates().toString());
        return config;
    }

    /** Provides {@code needed} in the mode the environment calls for. */
    public static TestServers provide(Set<Server> needed) {
        Optional<RunningStack> stack = RunningStack.find(localStackHome());
        boolean stackRunning = stack.isPresent() && stack.get().answers(needed);
        InfrastructureMode mode = InfrastructureMode.choose(InfrastructureMode.requested(), stackRunning,
                ContainerTestServers::dockerAvailable);
        LOG.infof("Test servers %s: %s", needed, mode);
        return switch (mode) {
            case REUSE -> new ReusedTestServers(needed, stack.orElseThrow()).start();
            case CONTAINERS -> new ContainerTestServers(needed).start();
            case PROCESSES -> new ProcessTestServers(needed).start();
        };
    }

    /** The local stack's data folder: {@code CHAT_STACK_DIR}, else .local-stack in the repository. */
    static Path localStackHome() {
        String configured = System.getenv("CHAT_STACK_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (java.nio.file.Files.exists(dir.resolve("mvnw"))) {
                return dir.resolve(".local-stack");
            }
        }
        return Path.of(".local-stack").toAbsolutePath();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(servers, new TestInjector.AnnotatedAndMatchesType(InjectTestServers.class, TestServers.class));
    }

    @Override
    public void stop() {
        if (servers != null) {
            servers.close();
        }
    }
}
