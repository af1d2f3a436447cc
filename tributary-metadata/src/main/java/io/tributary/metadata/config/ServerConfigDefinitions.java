package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.PASSWORD;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import org.apache.kafka.common.config.ConfigDef;

/**
 * The node's identity, listeners, socket server, directories and thread pools, with Kafka's names. Where
 * Tributary's default differs from Kafka's (listeners on localhost, data under ./data, one network thread per
 * core), the documentation says so.
 */
public final class ServerConfigDefinitions {

    public static final String NODE_ID = "node.id";
    public static final String BROKER_ID = "broker.id";
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LISTENER_SECURITY_PROTOCOL_MAP = "listener.security.protocol.map";
    public static final String BOOTSTRAP_SCRAM_CREDENTIALS = "tributary.bootstrap.scram.credentials";
    public static final String LOG_DIRS = "log.dirs";
    public static final String NUM_RECOVERY_THREADS_PER_DATA_DIR = "num.recovery.threads.per.data.dir";
    public static final String LOG_DIR = "log.dir";
    public static final String METADATA_LOG_DIR = "metadata.log.dir";
    public static final String BROKER_RACK = "broker.rack";
    public static final String CLUSTER_ID = "cluster.id";
    public static final String DURABLE = "tributary.durable";
    public static final String HTTP_LISTENER = "tributary.http.listener";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String FETCH_SESSION_CACHE_SLOTS = "max.incremental.fetch.session.cache.slots";
    public static final String MAX_REQUEST_PARTITION_SIZE_LIMIT = "max.request.partition.size.limit";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.offset.checkpoint.interval.ms";
    public static final String PRODUCER_ID_EXPIRATION_MS = "producer.id.expiration.ms";
    public static final String PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS = "producer.id.expiration.check.interval.ms";

    private ServerConfigDefinitions() {
    }

    static void define(ConfigDef def) {
        def.define(NODE_ID, INT, 1, atLeast(0), HIGH,
                "This node's id, as broker and as controller. Tributary's default is 1 (Kafka requires it); "
                    + "broker.id is read when node.id is not set.")
            .define(BROKER_ID, INT, null, HIGH, "The broker id; a synonym of node.id, used only when node.id is not set.")
            .define(LISTENERS, STRING, "PLAINTEXT://localhost:9092", HIGH,
                "Comma-separated listeners NAME://host:port the node binds; the controller listeners are Raft addresses.")
            .define(ADVERTISED_LISTENERS, STRING, null, HIGH,
                "Listeners registered for clients and other brokers; defaults to listeners.")
            .define(LISTENER_SECURITY_PROTOCOL_MAP, STRING, null, LOW,
                "Security protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL) of each listener name, "
                    + "NAME:PROTOCOL,...; every listener must be listed. Unset, a listener named after a protocol uses "
                    + "it and any other is PLAINTEXT.")
            .define(BOOTSTRAP_SCRAM_CREDENTIALS, PASSWORD, null, MEDIUM,
                "Tributary: SCRAM users the active controller creates if they do not exist yet, in the syntax of "
                    + "kafka-storage format --add-scram, e.g. SCRAM-SHA-512=[name=admin,password=admin-secret] "
                    + "(entries side by side); how the first admin exists from the first start. Never overwrites a "
                    + "credential already in the metadata.")
            .define(LOG_DIRS, STRING, null, HIGH, "Comma-separated directories holding the partition logs; defaults to log.dir.")
            .define(LOG_DIR, STRING, "./data/kafka-logs", HIGH, "The log directory, used when log.dirs is not set.")
            .define(METADATA_LOG_DIR, STRING, null, HIGH, "Directory of the metadata log; defaults to the first log directory.")
            .define(BROKER_RACK, STRING, null, MEDIUM, "Rack of the broker, registered with the controller.")
            .define(CLUSTER_ID, STRING, null, HIGH,
                "Cluster id written to meta.properties on first start; a cluster derives it from controller.quorum.voters.")
            .define(DURABLE, BOOLEAN, false, HIGH,
                "Tributary: acknowledge a produce request only once its data is fsynced (group commit); consumers "
                    + "see fsynced data only.")
            .define(HTTP_LISTENER, STRING, "http://127.0.0.1:9404", MEDIUM,
                "Tributary: address of the built-in HTTP endpoint serving /metrics (Prometheus text and "
                    + "OpenMetrics, Kafka's metric names as Strimzi's JMX exporter rules give them) and the health "
                    + "probes /health/live and /health/ready; port 0 picks a free port, empty disables it.")
            .define(SOCKET_REQUEST_MAX_BYTES, INT, 104_857_600, atLeast(1), HIGH,
                "Largest request the socket server accepts; a larger frame closes the connection.")
            .define(CONNECTIONS_MAX_IDLE_MS, LONG, 600_000L, atLeast(1), MEDIUM, "Idle connections are closed after this long.")
            .define(NUM_NETWORK_THREADS, INT, null, atLeastOrNull(1), HIGH,
                "Network event-loop threads; Tributary's default is one per core (Kafka's is 3).")
            .define(SOCKET_SEND_BUFFER_BYTES, INT, 102_400, MEDIUM, "SO_SNDBUF of the socket server; -1 keeps the OS default.")
            .define(SOCKET_RECEIVE_BUFFER_BYTES, INT, 102_400, MEDIUM, "SO_RCVBUF of the socket server; -1 keeps the OS default.")
            .define(FETCH_SESSION_CACHE_SLOTS, INT, 1000, atLeast(0), MEDIUM, "Most incremental fetch sessions kept.")
            .define(MAX_REQUEST_PARTITION_SIZE_LIMIT, INT, 2000, atLeast(1), LOW,
                "Most partitions a DescribeTopicPartitions response lists; the client continues from its cursor.")
            .define(LOG_RETENTION_CHECK_INTERVAL_MS, LONG, 300_000L, atLeast(1), MEDIUM,
                "How often the retention thread looks for segments to delete.")
            .define(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, INT, 60_000, atLeast(0), HIGH,
                "How often the recovery point of every log is checkpointed.")
            .define(PRODUCER_ID_EXPIRATION_MS, INT, 86_400_000, atLeast(1), LOW,
                "How long a producer id's state is kept after its last write.")
            .define(PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS, INT, 600_000, atLeast(1), LOW,
                "How often expired producer ids are removed.")
            // Accepted (Kafka lists them as dynamic) with no effect: Netty event loops do Kafka's I/O thread work.
            .define("num.io.threads", INT, 8, atLeast(1), HIGH,
                "Kafka's request handler threads; Tributary handles requests on the network threads.")
            .define("background.threads", INT, 10, atLeast(1), HIGH, "Kafka's background task threads; not used by Tributary.")
            // Kafka lists it as dynamic too; it only matters at startup, so a change applies at the next one.
            .define(NUM_RECOVERY_THREADS_PER_DATA_DIR, INT, 2, atLeast(1), HIGH,
                "Threads per log directory that load its partition logs at startup (recovering them after an"
                    + " unclean shutdown) and flush and close them at shutdown.")
            .define("metric.reporters", LIST, "org.apache.kafka.common.metrics.JmxReporter", LOW,
                "Kafka's metrics reporter classes; Tributary publishes no Kafka metrics.");
    }

    /** Kafka's Range.atLeast, letting null (unset: a computed default) through. */
    static ConfigDef.Validator atLeastOrNull(int min) {
        ConfigDef.Range range = atLeast(min);
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null) {
                range.ensureValid(name, value);
            }
        }, range::toString);
    }
}
