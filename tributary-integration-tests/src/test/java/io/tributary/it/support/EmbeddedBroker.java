package io.tributary.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.embedded.EmbeddedTributary;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process broker for one test class: a fresh temporary log dir, an ephemeral port, and any config overrides.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EmbeddedBroker broker = EmbeddedBroker.builder().config("num.partitions", 3).build();
 * </pre>
 */
public final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {

    /**
     * Set (host:port of node 1) to run a test class against an already running broker instead, such as Apache Kafka
     * when checking that a test's expectations are Kafka's own; config overrides are then not applied.
     */
    public static final String EXTERNAL_BOOTSTRAP_PROPERTY = "tributary.it.externalBootstrap";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, String> config;
    private EmbeddedTributary broker;
    private TestClients clients;
    private String externalBootstrap;

    private EmbeddedBroker(Map<String, String> config) {
        this.config = Map.copyOf(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public void start() throws Exception {
        externalBootstrap = System.getProperty(EXTERNAL_BOOTSTRAP_PROPERTY, "").trim();
        if (!externalBootstrap.isEmpty()) {
            clients = new TestClients(externalBootstrap);
            return;
        }
        // The project's own tests run on the library users get (tributary-embedded).
        broker = EmbeddedTributary.builder().config(config).start();
        clients = new TestClients(broker.bootstrapServers());
    }

    public void close() {
        if (clients != null) {
            clients.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    public String bootstrapServers() {
        return broker != null ? broker.bootstrapServers() : externalBootstrap;
    }

    public int port() {
        return broker != null ? broker.port()
                : Integer.parseInt(externalBootstrap.substring(externalBootstrap.lastIndexOf(':') + 1));
    }

    /** The port of the broker's HTTP endpoint (metrics, health probes). */
    public int httpPort() {
        return broker.httpPort();
    }

    public int nodeId() {
        return Integer.parseInt(config.get("node.id"));
    }

    /** The broker's log dir (for tests that look at the files it writes). */
    public Path logDir() {
        return broker.dataDir().resolve("logs");
    }

    public String config(String key) {
        return config.get(key);
    }

    public TestClients clients() {
        return clients;
    }

    /** Creates a topic with replication factor 1 and waits for the broker to confirm it; returns its id. */
    public Uuid createTopic(String name, int partitions, Map<String, String> topicConfigs) throws Exception {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(topicConfigs);
        var result = clients.admin().createTopics(List.of(topic));
        result.all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return result.topicId(name).get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Uuid createTopic(String name, int partitions) throws Exception {
        return createTopic(name, partitions, Map.of());
    }

    /**
     * Builder with test-friendly defaults: node 1, port 0, no auto-created topics, and a small single-replica
     * {@code __consumer_offsets} with no initial rebalance delay so consumer-group tests settle in milliseconds, and a
     * small single-replica {@code __transaction_state}.
     */
    public static final class Builder {
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder() {
            config.put("node.id", "1");
            config.put("listeners", "PLAINTEXT://localhost:0");
            config.put("tributary.http.listener", "http://127.0.0.1:0");
            config.put("auto.create.topics.enable", "false");
            config.put("num.partitions", "1");
            GroupDefaults.putInto(config);
            TransactionDefaults.putInto(config);
        }

        public Builder nodeId(int nodeId) {
            return config("node.id", nodeId);
        }

        public Builder autoCreateTopics(boolean enabled) {
            return config("auto.create.topics.enable", enabled);
        }

        public Builder config(String key, Object value) {
            config.put(key, String.valueOf(value));
            return this;
        }

        public EmbeddedBroker build() {
            return new EmbeddedBroker(config);
        }
    }
}
