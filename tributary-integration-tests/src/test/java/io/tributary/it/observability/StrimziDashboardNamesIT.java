package io.tributary.it.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.EmbeddedBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every metric that Strimzi's Kafka dashboard, its Kafka alert rules and its Kafka Exporter dashboard query
 * (strimzi-kafka-operator at 8541da1e, packaging/examples/metrics: grafana-dashboards/strimzi-kafka.json,
 * strimzi-kafka-exporter.json, prometheus-rules/prometheus-kafka-rules.yaml and
 * prometheus-kafka-exporter-topic-rules-group.yaml) is on a single broker's {@code /metrics}. Left out: what
 * Kubernetes itself provides ({@code container_*}, {@code kubelet_*}, {@code up}). Of the KRaft dashboard
 * (strimzi-kraft.json), the raft-metrics Tributary's metadata log can tell (not {@code current_vote}, nor the
 * {@code raftchannelmetrics} of Kafka's own Raft network client, which Ratis replaces).
 */
class StrimziDashboardNamesIT {

    static final List<String> KAFKA_DASHBOARD = List.of(
            "jvm_gc_collection_seconds_count",
            "jvm_gc_collection_seconds_sum",
            "jvm_memory_used_bytes",
            "jvm_threads_current",
            "process_open_fds",
            "kafka_cluster_partition_atminisr",
            "kafka_cluster_partition_replicascount",
            "kafka_cluster_partition_underminisr",
            "kafka_controller_controllerstats_uncleanleaderelections_total",
            "kafka_controller_kafkacontroller_activecontrollercount",
            "kafka_controller_kafkacontroller_offlinepartitionscount",
            "kafka_log_log_size",
            "kafka_network_socketserver_networkprocessoravgidle_percent",
            "kafka_server_brokertopicmetrics_bytesin_total",
            "kafka_server_brokertopicmetrics_bytesout_total",
            "kafka_server_brokertopicmetrics_failedfetchrequests_total",
            "kafka_server_brokertopicmetrics_failedproducerequests_total",
            "kafka_server_brokertopicmetrics_messagesin_total",
            "kafka_server_brokertopicmetrics_totalfetchrequests_total",
            "kafka_server_brokertopicmetrics_totalproducerequests_total",
            "kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent",
            "kafka_server_kafkaserver_linux_disk_read_bytes",
            "kafka_server_kafkaserver_linux_disk_write_bytes",
            "kafka_server_replicamanager_leadercount",
            "kafka_server_replicamanager_partitioncount",
            "kafka_server_replicamanager_underreplicatedpartitions",
            "kafka_server_socket_server_metrics_connection_count");

    static final List<String> KAFKA_ALERT_RULES = List.of(
            "kafka_controller_kafkacontroller_activecontrollercount",
            "kafka_controller_kafkacontroller_offlinepartitionscount",
            "kafka_log_logmanager_offlinelogdirectorycount",
            "kafka_server_replicamanager_underminisrpartitioncount",
            "kafka_server_replicamanager_underreplicatedpartitions");

    static final List<String> KAFKA_EXPORTER_DASHBOARD_AND_RULES = List.of(
            "kafka_broker_info",
            "kafka_consumergroup_current_offset",
            "kafka_consumergroup_lag",
            "kafka_topic_partition_current_offset",
            "kafka_topic_partition_in_sync_replica",
            "kafka_topic_partition_leader_is_preferred",
            "kafka_topic_partition_oldest_offset",
            "kafka_topic_partition_replicas",
            "kafka_topic_partition_under_replicated_partition",
            "kafka_topic_partitions");

    static final List<String> KRAFT_DASHBOARD = List.of(
            "kafka_server_raftmetrics_current_state",
            "kafka_server_raftmetrics_current_leader",
            "kafka_server_raftmetrics_current_epoch",
            "kafka_server_raftmetrics_high_watermark",
            "kafka_server_raftmetrics_log_end_offset",
            "kafka_server_raftmetrics_commit_latency_avg",
            "kafka_server_raftmetrics_append_records_rate",
            "kafka_server_raftmetrics_fetch_records_rate");

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void everyNameTheDashboardsAndAlertsQueryIsServed() throws Exception {
        broker.createTopic("dashboard", 1);
        try (KafkaProducer<String, String> producer = broker.clients().producer()) {
            producer.send(new ProducerRecord<>("dashboard", "k", "v")).get();
        }
        try (KafkaConsumer<String, String> consumer = broker.clients().classicGroupConsumer("dashboard-group",
                Map.of("enable.auto.commit", "false"))) {
            consumer.assign(List.of(new TopicPartition("dashboard", 0)));
            consumer.poll(Duration.ofMillis(500));
            consumer.commitSync(Map.of(new TopicPartition("dashboard", 0), new OffsetAndMetadata(1)));
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Scrape scrape = Scrape.of(broker.httpPort());
            assertThat(KAFKA_DASHBOARD).allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
            assertThat(KAFKA_ALERT_RULES).allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
            assertThat(KRAFT_DASHBOARD).allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
            assertThat(KAFKA_EXPORTER_DASHBOARD_AND_RULES)
                    .allSatisfy(name -> assertThat(scrape.has(name)).as(name).isTrue());
        });
    }
}
