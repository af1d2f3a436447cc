package io.tributary.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Histogram;
import io.tributary.metrics.AttributeSet;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessFollowsTheBrokerStateWhileLivenessStaysUp() throws Exception {
        try (Observability observability = Observability.start("http://127.0.0.1:0")) {
            int port = observability.httpPort().orElseThrow();
            for (BrokerState state : BrokerState.values()) {
                observability.state(state);
                HttpResponse<String> ready = get(port, "/health/ready");
                assertThat(ready.statusCode()).as(state.name()).isEqualTo(state == BrokerState.RUNNING ? 200 : 503);
                assertThat(ready.body()).contains("\"brokerState\":\"" + state.name() + "\"");
                assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            }
            observability.state(BrokerState.RECOVERY);
            assertThat(get(port, "/metrics").body()).contains("kafka_server_kafkaserver_brokerstate 2.0");
        }
    }

    @Test
    void gzipWhenTheScraperAsksForIt() throws Exception {
        try (Observability observability = Observability.start("http://127.0.0.1:0")) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + observability.httpPort().orElseThrow() + "/metrics")).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body()))) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("kafka_server_kafkaserver_brokerstate");
            }
        }
    }

    @Test
    void emptyListenerDisablesTheEndpoint() {
        try (Observability observability = Observability.start("")) {
            assertThat(observability.httpPort()).isEmpty();
        }
    }

    @Test
    void strimziRuleNames() {
        KafkaMetrics metrics = new KafkaMetrics();
        metrics.meter(MetricName.of("kafka.server", "BrokerTopicMetrics", "BytesInPerSec", "topic", "t"), "bytes")
                .mark(5);
        metrics.meter(MetricName.of("kafka.network", "RequestMetrics", "ErrorsPerSec", "request", "Produce",
                "error", "NONE"), "requests").mark();
        Histogram histogram = metrics.histogram(MetricName.of("kafka.network", "RequestMetrics", "TotalTimeMs",
                "request", "Fetch"));
        histogram.update(7);
        metrics.gauge(MetricName.of("kafka.network", "SocketServer", "NetworkProcessorAvgIdlePercent"), () -> 0.25);
        metrics.gauge(MetricName.of("kafka.log", "Log", "Size", "topic", "t", "partition", "0"), () -> 42L);
        metrics.gauge(MetricName.of("kafka.coordinator.group", "GroupMetadataManager", "NumGroups"), () -> 1);
        metrics.attributes(MetricName.of("kafka.server", "socket-server-metrics", null, "listener", "PLAINTEXT",
                "networkProcessor", "0"), new AttributeSet()
                .add("connection-count", () -> 3.0)
                .add("connection-creation-total", () -> 4.0));
        metrics.attributes(MetricName.of("kafka.server", "raft-metrics", null), new AttributeSet()
                .add("current-state", () -> "leader")
                .add("high-watermark", () -> 9.0));

        Map<String, Double> samples = new java.util.TreeMap<>();
        new KafkaMetricsCollector(metrics).collect().forEach(snapshot -> snapshot.getDataPoints().forEach(point -> {
            String key = snapshot.getMetadata().getPrometheusName() + point.getLabels();
            double value = point instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot
                    .CounterDataPointSnapshot c ? c.getValue()
                    : point instanceof io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot g
                    ? g.getValue()
                    : ((io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot) point)
                    .getValue();
            samples.put(key, value);
        }));
        assertThat(samples).containsEntry("kafka_server_brokertopicmetrics_bytesin{topic=\"t\"}", 5.0)
                .containsEntry("kafka_network_requestmetrics_errors{error=\"NONE\",request=\"Produce\"}", 1.0)
                .containsEntry("kafka_network_requestmetrics_totaltimems{quantile=\"0.99\",request=\"Fetch\"}", 7.0)
                .containsEntry("kafka_network_requestmetrics_totaltimems_count{request=\"Fetch\"}", 1.0)
                .containsEntry("kafka_network_socketserver_networkprocessoravgidle_percent{}", 0.25)
                .containsEntry("kafka_log_log_size{partition=\"0\",topic=\"t\"}", 42.0)
                .containsEntry("kafka_server_socket_server_metrics_connection_count"
                        + "{listener=\"PLAINTEXT\",networkProcessor=\"0\"}", 3.0)
                .containsEntry("kafka_server_socket_server_metrics_connection_creation"
                        + "{listener=\"PLAINTEXT\",networkProcessor=\"0\"}", 4.0)
                .containsEntry("kafka_server_raftmetrics_current_state{current_state=\"leader\"}", 1.0)
                .containsEntry("kafka_server_raftmetrics_high_watermark{}", 9.0);
        // Strimzi's rules match kafka.(\w+) only: kafka.coordinator.group MBeans are not exported.
        assertThat(samples.keySet()).noneMatch(key -> key.contains("groupmetadatamanager"));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
