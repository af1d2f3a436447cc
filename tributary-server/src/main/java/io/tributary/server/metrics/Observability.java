package io.tributary.server.metrics;

import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.coordinator.group.service.GroupCoordinatorService;
import io.tributary.metadata.MetadataController;
import io.tributary.metrics.BrokerTopicStats;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import io.tributary.metrics.ReplicaFetcherStats;
import io.tributary.metrics.jmx.JmxReporter;
import io.tributary.network.NetworkObserver;
import io.tributary.server.http.HealthHandler;
import io.tributary.server.http.HttpEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's metrics and how they get out: Kafka's metrics by Kafka's names ({@link KafkaMetrics}) as JMX MBeans
 * and, on the built-in HTTP endpoint, as Prometheus samples under the names Strimzi's JMX exporter rules give them,
 * with JVM and process metrics and kafka-exporter's lag metrics beside them, plus the health probes. Started first
 * and stopped last, so that probes answer while the broker starts and stops.
 */
public final class Observability implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private final KafkaMetrics metrics = new KafkaMetrics();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final JmxReporter jmx;
    private final RequestMetricsRecorder requests;
    private final BrokerTopicStats topicStats;
    private final ReplicaFetcherStats replicaFetcherStats;
    private final io.tributary.metrics.KafkaMetric.TimerMetric logFlushes;
    private final TransactionCoordinatorMetrics transactions;
    private volatile BrokerState state = BrokerState.STARTING;
    private HttpEndpoint http;

    private Observability() {
        jmx = new JmxReporter(metrics).startInBackground();
        requests = new RequestMetricsRecorder(metrics);
        topicStats = new BrokerTopicStats(metrics);
        replicaFetcherStats = new ReplicaFetcherStats(metrics, topicStats);
        transactions = new TransactionCoordinatorMetrics(metrics);
        logFlushes = metrics.timer(MetricName.of("kafka.log", "LogFlushStats", "LogFlushRateAndTimeMs"), "flushes");
        metrics.gauge(MetricName.of("kafka.server", "KafkaServer", "BrokerState"), () -> (byte) state.value());
        ProcessGauges.register(metrics);
        registry.register(new KafkaMetricsCollector(metrics));
        registry.register(JvmMetricsRegistry.collector());
    }

    /**
     * Registers the metrics and starts the HTTP endpoint when {@code httpListener} names one. A port already taken
     * is logged and leaves the node without the endpoint (JMX still works) rather than stopping it.
     */
    public static Observability start(String httpListener) {
        Observability observability = new Observability();
        Optional<InetSocketAddress> address = HttpEndpoint.parseListener(httpListener);
        if (address.isPresent()) {
            try {
                observability.http = HttpEndpoint.builder(address.get())
                        .route("/metrics", new MetricsHandler(observability.registry))
                        .route("/health/live", HealthHandler.liveness(() -> observability.state.name()))
                        .route("/health/ready", HealthHandler.readiness(() -> observability.state.name()))
                        .start();
            } catch (IOException e) {
                LOG.error("Could not start the HTTP endpoint on {} (tributary.http.listener): {}; "
                        + "metrics stay available over JMX", httpListener, e.toString());
            }
        }
        return observability;
    }

    public KafkaMetrics metrics() {
        return metrics;
    }

    public NetworkObserver networkObserver() {
        return requests;
    }

    public BrokerTopicStats topicStats() {
        return topicStats;
    }

    /** Kafka's {@code LogFlushStats}: told of every partition flush. */
    public io.tributary.storage.api.FlushListener logFlushes() {
        return logFlushes::update;
    }

    /** Kafka's transaction coordinator metrics: partition load times, markers without a destination. */
    public TransactionCoordinatorMetrics transactionCoordinator() {
        return transactions;
    }

    public ReplicaFetcherStats replicaFetcherStats() {
        return replicaFetcherStats;
    }

    public void state(BrokerState newState) {
        state = newState;
    }

    public BrokerState state() {
        return state;
    }

    /** The HTTP endpoint's port, when it runs. */
    /** The HTTP endpoint, when it runs (routes may be mounted on it later: the console). */
    public Optional<HttpEndpoint> http() {
        return Optional.ofNullable(http);
    }

    public OptionalInt httpPort() {
        return http == null ? OptionalInt.empty() : OptionalInt.of(http.port());
    }

    /**
     * Adds {@code raft-metrics} over the node's metadata log (the Raft quorum, or a single node's local log);
     * returns the log the controller is to use, timed.
     */
    public io.tributary.metadata.log.MetadataLog watchMetadataLog(io.tributary.metadata.log.MetadataLog log,
                                                                 int nodeId) {
        return RaftMetrics.register(metrics, log, nodeId);
    }

    /** Adds what the running parts report: replicas, partitions, the image, the groups this node coordinates. */
    public void watch(int nodeId, PartitionManager partitions, io.tributary.storage.LogManager logs,
                      MetadataController controller, GroupCoordinatorService groups) {
        watch(nodeId, partitions, logs, controller, groups, null, null);
    }

    /**
     * @param client   in a cluster: how the group coordinator's lag learns the high watermarks of partitions with
     *                 no replica here (ListOffsets to their leaders on {@code listener}); null on a single node
     */
    public void watch(int nodeId, PartitionManager partitions, io.tributary.storage.LogManager logs,
                      MetadataController controller, GroupCoordinatorService groups,
                      io.tributary.network.client.NodeClient client, String listener) {
        ReplicaGauges replicas = new ReplicaGauges(metrics, nodeId, partitions, logs);
        replicas.onMetadataUpdate(null, controller.image());
        controller.addListener(replicas);
        ClusterGauges cluster = new ClusterGauges(metrics, nodeId, controller::isActive, controller.image(),
                topicStats::removeTopic);
        controller.addListener(cluster);
        GroupGauges.register(metrics, groups::overview);
        RemoteHighWatermarks remote = client == null ? null
                : new RemoteHighWatermarks(client, listener, controller::image, System::currentTimeMillis, 10_000);
        registry.register(new ExporterCollector(nodeId, partitions, controller::image, controller::isActive,
                groups::overview, remote));
    }

    @Override
    public void close() {
        state = BrokerState.NOT_RUNNING;
        if (http != null) {
            http.close();
        }
        jmx.close();
    }
}
