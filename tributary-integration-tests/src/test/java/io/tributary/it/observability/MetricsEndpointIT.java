package io.tributary.it.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.EmbeddedBroker;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka's metrics out of a running broker, after real produce and fetch traffic: on the HTTP endpoint under the
 * names Strimzi's JMX exporter rules give them, and as MBeans with Kafka's ObjectNames and attributes.
 */
class MetricsEndpointIT {

    private static final String TOPIC = "observed";
    private static final int RECORDS = 20;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @BeforeAll
    static void traffic() throws Exception {
        broker.createTopic(TOPIC, 2);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % 2, "k" + i, "value-" + i)).get();
            }
        }
        try (KafkaConsumer<String, String> consumer = broker.clients().consumer()) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
            consumer.seekToBeginning(consumer.assignment());
            int read = 0;
            long deadline = System.currentTimeMillis() + 15_000;
            while (read < RECORDS && System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                read += records.count();
            }
            assertThat(read).isEqualTo(RECORDS);
        }
    }

    @Test
    void brokerTopicMetricsCountWhatWasProducedAndFetched() throws Exception {
        Scrape scrape = Scrape.of(broker.httpPort());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.value("kafka_server_brokertopicmetrics_messagesin_total", "topic", TOPIC))
                .hasValue(RECORDS);
        // broker-wide: every topic, including what other tests of this class produced
        assertThat(scrape.unlabelled("kafka_server_brokertopicmetrics_messagesin_total").orElseThrow())
                .isGreaterThanOrEqualTo(RECORDS);
        assertThat(scrape.value("kafka_server_brokertopicmetrics_bytesin_total", "topic", TOPIC).orElseThrow())
                .isGreaterThan(RECORDS * 7);
        assertThat(scrape.value("kafka_server_brokertopicmetrics_totalproducerequests_total", "topic", TOPIC))
                .hasValue(RECORDS);
        assertThat(scrape.value("kafka_server_brokertopicmetrics_bytesout_total", "topic", TOPIC).orElseThrow())
                .isGreaterThan(RECORDS * 7);
        assertThat(scrape.value("kafka_server_brokertopicmetrics_totalfetchrequests_total", "topic", TOPIC)
                .orElseThrow()).isGreaterThanOrEqualTo(2);
        assertThat(scrape.value("kafka_server_brokertopicmetrics_failedproducerequests_total", "topic", TOPIC))
                .hasValue(0);
    }

    @Test
    void requestMetricsPerRequestTypeWithQuantiles() throws Exception {
        Scrape scrape = Scrape.of(broker.httpPort());
        assertThat(scrape.samples().stream()
                .filter(s -> s.name().equals("kafka_network_requestmetrics_requests_total")
                        && "Produce".equals(s.labels().get("request")))
                .mapToDouble(Scrape.Sample::value).sum()).isGreaterThanOrEqualTo(RECORDS);
        assertThat(scrape.value("kafka_network_requestmetrics_requests_total", "request", "FetchConsumer"))
                .isPresent();
        assertThat(scrape.value("kafka_network_requestmetrics_errors_total", "request", "Produce", "error", "NONE")
                .orElseThrow()).isGreaterThanOrEqualTo(RECORDS);
        for (String phase : List.of("totaltimems", "requestqueuetimems", "localtimems", "remotetimems",
                "responsequeuetimems", "responsesendtimems")) {
            assertThat(scrape.value("kafka_network_requestmetrics_" + phase, "request", "Produce", "quantile", "0.99"))
                    .as(phase).isPresent();
            assertThat(scrape.value("kafka_network_requestmetrics_" + phase + "_count", "request", "Produce")
                    .orElseThrow()).as(phase).isGreaterThanOrEqualTo(RECORDS);
        }
        assertThat(scrape.value("kafka_network_requestmetrics_totaltimems", "request", "Fetch", "quantile", "0.50"))
                .isPresent();
    }

    @Test
    void replicaControllerPartitionAndLogGauges() throws Exception {
        Scrape scrape = Scrape.of(broker.httpPort());
        assertThat(scrape.unlabelled("kafka_server_replicamanager_partitioncount").orElseThrow())
                .isGreaterThanOrEqualTo(2);
        assertThat(scrape.unlabelled("kafka_server_replicamanager_leadercount").orElseThrow())
                .isGreaterThanOrEqualTo(2);
        assertThat(scrape.unlabelled("kafka_server_replicamanager_underreplicatedpartitions")).hasValue(0);
        assertThat(scrape.unlabelled("kafka_controller_kafkacontroller_activecontrollercount")).hasValue(1);
        assertThat(scrape.unlabelled("kafka_controller_kafkacontroller_offlinepartitionscount")).hasValue(0);
        assertThat(scrape.unlabelled("kafka_controller_kafkacontroller_globaltopiccount").orElseThrow())
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.unlabelled("kafka_server_kafkaserver_brokerstate")).hasValue(3);
        assertThat(scrape.value("kafka_log_log_logendoffset", "topic", TOPIC, "partition", "0"))
                .hasValue(RECORDS / 2);
        assertThat(scrape.value("kafka_log_log_size", "topic", TOPIC, "partition", "1").orElseThrow())
                .isGreaterThan(0);
        assertThat(scrape.value("kafka_cluster_partition_replicascount", "topic", TOPIC, "partition", "0"))
                .hasValue(1);
        assertThat(scrape.value("kafka_cluster_partition_underreplicated", "topic", TOPIC, "partition", "0"))
                .hasValue(0);
        assertThat(scrape.value("kafka_server_socket_server_metrics_connection_count", "listener", "PLAINTEXT")
                .orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("kafka_server_socket_server_metrics_connection_creation_total",
                "listener", "PLAINTEXT").orElseThrow()).isGreaterThanOrEqualTo(2);
        assertThat(scrape.unlabelled("kafka_network_socketserver_networkprocessoravgidle_percent").orElseThrow())
                .isBetween(0.0, 1.0);
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
        assertThat(scrape.has("jvm_gc_collection_seconds_count")).isTrue();
        assertThat(scrape.has("process_open_fds")).isTrue();
    }

    @Test
    void openMetricsWhenAskedFor() throws Exception {
        Scrape scrape = Scrape.of(broker.httpPort(), "application/openmetrics-text; version=1.0.0");
        assertThat(scrape.contentType()).startsWith("application/openmetrics-text");
        assertThat(scrape.body()).contains("# TYPE kafka_server_brokertopicmetrics_bytesin counter")
                .endsWith("# EOF\n");
        assertThat(scrape.value("kafka_server_brokertopicmetrics_bytesin_total", "topic", TOPIC)).isPresent();
    }

    @Test
    void healthProbes() throws Exception {
        HttpResponse<String> live = Scrape.get(broker.httpPort(), "/health/live", "application/json");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> ready = Scrape.get(broker.httpPort(), "/health/ready", "application/json");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"brokerState\":\"RUNNING\"");
        assertThat(Scrape.get(broker.httpPort(), "/nothing", "*/*").statusCode()).isEqualTo(404);
    }

    @Test
    void jmxMBeansHaveKafkasNamesAndAttributes() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName bytesIn = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=" + TOPIC);
        assertThat((Long) server.getAttribute(bytesIn, "Count")).isGreaterThan(RECORDS * 7L);
        assertThat(server.getAttribute(bytesIn, "EventType")).isEqualTo("bytes");
        assertThat(server.getAttribute(bytesIn, "RateUnit")).isEqualTo(java.util.concurrent.TimeUnit.SECONDS);
        for (String attribute : List.of("MeanRate", "OneMinuteRate", "FiveMinuteRate", "FifteenMinuteRate")) {
            assertThat(server.getAttribute(bytesIn, attribute)).as(attribute).isInstanceOf(Double.class);
        }
        ObjectName totalTime = new ObjectName("kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce");
        assertThat((Long) server.getAttribute(totalTime, "Count")).isGreaterThanOrEqualTo(RECORDS);
        for (String attribute : List.of("Min", "Max", "Mean", "StdDev", "50thPercentile", "75thPercentile",
                "95thPercentile", "98thPercentile", "99thPercentile", "999thPercentile")) {
            assertThat(server.getAttribute(totalTime, attribute)).as(attribute).isInstanceOf(Double.class);
        }
        assertThat(server.getAttribute(new ObjectName("kafka.server:type=ReplicaManager,name=PartitionCount"),
                "Value")).isInstanceOf(Integer.class);
        assertThat(server.getAttribute(new ObjectName("kafka.controller:type=KafkaController,"
                + "name=ActiveControllerCount"), "Value")).isEqualTo(1);
        assertThat(server.getAttribute(new ObjectName("kafka.log:type=Log,name=LogEndOffset,topic=" + TOPIC
                + ",partition=0"), "Value")).isEqualTo((long) RECORDS / 2);
        assertThat(server.queryNames(new ObjectName("kafka.server:type=socket-server-metrics,*"), null))
                .isNotEmpty();
    }

    @Test
    void logFlushesAreTimed() throws Exception {
        broker.createTopic("flushed", 1, Map.of("flush.messages", "1"));
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("flushed", "k", "v" + i)).get();
            }
        }
        ObjectName flushes = new ObjectName("kafka.log:type=LogFlushStats,name=LogFlushRateAndTimeMs");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat((Long) server.getAttribute(flushes, "Count")).isGreaterThanOrEqualTo(3));
        assertThat(server.getAttribute(flushes, "LatencyUnit")).isEqualTo(java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(server.getAttribute(flushes, "99thPercentile")).isInstanceOf(Double.class);
        assertThat(server.getAttribute(flushes, "OneMinuteRate")).isInstanceOf(Double.class);
        Scrape scrape = Scrape.of(broker.httpPort());
        assertThat(scrape.unlabelled("kafka_log_logflushstats_logflushrateandtimems_count").orElseThrow())
                .isGreaterThanOrEqualTo(3);
        assertThat(scrape.value("kafka_log_logflushstats_logflushrateandtimems", "quantile", "0.99")).isPresent();
    }

    @Test
    void consumerLagFallsAsTheGroupCommits() throws Exception {
        String group = "lagging";
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer(group,
                Map.of("enable.auto.commit", "false"))) {
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(3)));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Scrape scrape = Scrape.of(broker.httpPort());
                assertThat(scrape.value("kafka_consumergroup_current_offset", "consumergroup", group,
                        "topic", TOPIC, "partition", "0")).hasValue(3);
                assertThat(scrape.value("kafka_consumergroup_lag", "consumergroup", group, "topic", TOPIC,
                        "partition", "0")).hasValue(RECORDS / 2 - 3);
                assertThat(scrape.value("kafka_consumergroup_lag_sum", "consumergroup", group, "topic", TOPIC))
                        .hasValue(RECORDS / 2 - 3);
            });
            consumer.commitSync(Map.of(p0, new OffsetAndMetadata(RECORDS / 2)));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(Scrape.of(broker.httpPort()).value("kafka_consumergroup_lag", "consumergroup", group,
                            "topic", TOPIC, "partition", "0")).hasValue(0));
        }
        Scrape scrape = Scrape.of(broker.httpPort());
        assertThat(scrape.value("kafka_topic_partition_current_offset", "topic", TOPIC, "partition", "0"))
                .hasValue(RECORDS / 2);
        assertThat(scrape.value("kafka_topic_partition_oldest_offset", "topic", TOPIC, "partition", "0"))
                .hasValue(0);
        assertThat(scrape.value("kafka_topic_partitions", "topic", TOPIC)).hasValue(2);
        assertThat(scrape.value("kafka_consumergroup_members", "consumergroup", group)).isPresent();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat((Long) server.getAttribute(new ObjectName(
                    "kafka.coordinator.group:type=GroupMetadataManager,name=NumOffsets"), "Value"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(server.getAttribute(new ObjectName(
                    "kafka.coordinator.group:type=GroupMetadataManager,name=NumGroups"), "Value"))
                    .isInstanceOf(Long.class);
        });
    }

    @Test
    void transactionCoordinatorMetricsAfterACommittedTransaction() throws Exception {
        // given: the first transactional producer makes __transaction_state, whose partitions then load here
        try (KafkaProducer<String, String> producer = broker.clients().transactionalProducer("observed-txn")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", "in a transaction")).get();
            producer.commitTransaction();
        }

        // then
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName loads = new ObjectName("kafka.server:type=transaction-coordinator-metrics");
        assertThat((Double) server.getAttribute(loads, "partition-load-time-max"))
                .as("loaded within the last 30-60 s").isNotNaN().isGreaterThanOrEqualTo(0.0);
        assertThat((Double) server.getAttribute(loads, "partition-load-time-avg")).isNotNaN()
                .isLessThanOrEqualTo((Double) server.getAttribute(loads, "partition-load-time-max"));
        String markers = "kafka.coordinator.transaction:type=TransactionMarkerChannelManager,name=";
        assertThat(server.getAttribute(new ObjectName(markers + "UnknownDestinationQueueSize"), "Value"))
                .isEqualTo(0);
        assertThat(server.getAttribute(new ObjectName(markers + "LogAppendRetryQueueSize"), "Value")).isEqualTo(0);
    }
}
