package io.tributary.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.embedded.EmbeddedTributary;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A broker with Kafka's {@code StandardAuthorizer} for one test class, on PLAINTEXT where every client is
 * {@value #ME}. It first runs with {@value #ME} as the super user, for the class's set-up (ACLs, topics, records),
 * then restarts on the same data with no super user, so that the tests see only what the ACLs allow.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final AuthorizedBroker broker = AuthorizedBroker.builder()
 *         .setUp(admin -&gt; AuthorizedBroker.createAcls(admin, ...)).build();
 * </pre>
 */
public final class AuthorizedBroker implements BeforeAllCallback, AfterAllCallback {

    /** The principal of every PLAINTEXT client. */
    public static final String ME = "User:ANONYMOUS";
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** The class's set-up, run as the super user. */
    @FunctionalInterface
    public interface SetUp {
        void run(TestClients superUser) throws Exception;
    }

    private final Map<String, String> config;
    private final SetUp setUp;
    private Path dataDir;
    private EmbeddedTributary broker;
    private TestClients clients;

    private AuthorizedBroker(Map<String, String> config, SetUp setUp) {
        this.config = Map.copyOf(config);
        this.setUp = setUp;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("tributary-authz");
        EmbeddedTributary superUserRun = start(ME);
        try (TestClients superUser = new TestClients(superUserRun.bootstrapServers())) {
            setUp.run(superUser);
        } finally {
            superUserRun.close();
        }
        broker = start("");
        clients = new TestClients(broker.bootstrapServers());
    }

    private EmbeddedTributary start(String superUsers) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "listeners", "PLAINTEXT://localhost:0",
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "offsets.topic.num.partitions", "1",
                "offsets.topic.replication.factor", "1"));
        settings.putAll(config);
        settings.put("super.users", superUsers);
        return EmbeddedTributary.builder().dataDir(dataDir).config(settings).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (dataDir != null) {
            Utils.delete(dataDir.toFile());
        }
    }

    /** Clients of the broker as it runs for the tests: {@value #ME}, no super user. */
    public TestClients clients() {
        return clients;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** An ALLOW entry for {@value #ME} from any host. */
    public static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(ME, "*", operation, AclPermissionType.ALLOW));
    }

    public static void createAcls(TestClients clients, AclBinding... acls) throws Exception {
        get(clients.admin().createAcls(List.of(acls)).all());
    }

    public static <T> T get(KafkaFuture<T> future) throws Exception {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static final class Builder {
        private final Map<String, String> config = new HashMap<>();
        private SetUp setUp = superUser -> { };

        public Builder config(String name, Object value) {
            config.put(name, String.valueOf(value));
            return this;
        }

        public Builder setUp(SetUp setUp) {
            this.setUp = setUp;
            return this;
        }

        public AuthorizedBroker build() {
            return new AuthorizedBroker(config, setUp);
        }
    }
}
