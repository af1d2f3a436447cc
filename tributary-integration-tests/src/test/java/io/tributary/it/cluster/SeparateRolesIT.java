package io.tributary.it.cluster;

import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.AlterConfigOp;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.io.IOException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.ChildProcessBroker;
import io.tributary.it.support.TestPorts;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.ClusterTool;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KRaft roles apart (docs/cluster.md): three controller-only nodes (process.roles=controller) and three broker-only
 * nodes (process.roles=broker), each in its own JVM. Two brokers find the controllers by controller.quorum.voters,
 * the third by controller.quorum.bootstrap.servers. Producing with acks=all, RF 3 and min ISR 2 goes on through the
 * loss of the active controller; the official kafka-metadata-quorum describes the quorum through
 * --bootstrap-controller (and through a broker), kafka-cluster reads the cluster id from the controllers, and a
 * restarted broker-only node fetches the metadata log again.
 */
@Tag("cluster")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeparateRolesIT {

    private static final Set<Integer> CONTROLLERS = Set.of(1, 2, 3);
    private static final Set<Integer> BROKERS = Set.of(4, 5, 6);

    private final Map<Integer, ChildProcessBroker> nodes = new LinkedHashMap<>();
    private final Map<Integer, Integer> ports = new LinkedHashMap<>();
    private Path workDir;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ChildProcessBroker node : nodes.values()) {
            node.kill();
        }
    }

    @Test
    void controllerOnlyAndBrokerOnlyNodesServeAndSurviveTheActiveControllersLoss() throws Exception {
        // given
        startCluster();
        String bootstrap = BROKERS.stream().map(id -> "localhost:" + ports.get(id)).collect(Collectors.joining(","));
        String controllers = CONTROLLERS.stream().map(id -> "localhost:" + ports.get(id))
                .collect(Collectors.joining(","));
        String topic = "roles";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("brokers 4, 5, 6 registered and unfenced").atMost(Duration.ofSeconds(40)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get().stream().map(Node::id)
                            .collect(Collectors.toSet()), BROKERS::equals);
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        }

        // when
        List<String> sent = new ArrayList<>(produce(bootstrap, topic, "before", 300));
        ToolResult status = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller", controllers,
                "describe", "--status");
        ToolResult clusterId = KafkaToolRunner.run(ClusterTool::main, "cluster-id", "--bootstrap-controller",
                controllers);
        ToolResult replicationViaBroker = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-server",
                bootstrap, "describe", "--replication");
        int activeController;
        try (Admin controllerAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                controllers))) {
            QuorumInfo quorum = controllerAdmin.describeMetadataQuorum().quorumInfo().get(20, TimeUnit.SECONDS);
            activeController = quorum.leaderId();
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                    .containsExactlyInAnyOrderElementsOf(CONTROLLERS);
        }
        nodes.get(activeController).kill();
        sent.addAll(produce(bootstrap, topic, "after", 300));
        List<String> consumed = consume(bootstrap, topic, sent.size());

        nodes.get(6).kill();
        // Metadata changes until every controller snapshotted and purged the start of its Raft log: a broker-only
        // node, which fetches the metadata log from its start at each start, then gets the newest snapshot instead.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (int round = 0; !controllersPurgedTheirLogStart(); round++) {
                assertThat(round).as("the controllers' Raft logs are purged after snapshots").isLessThan(2_000);
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                        new AlterConfigOp(new ConfigEntry("retention.ms", Long.toString(3_600_000L + round)),
                                AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry("segment.ms", Long.toString(7_200_000L + round)),
                                AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
            }
        }
        nodes.get(6).launch(); // a broker-only node fetches the whole metadata log again at each start
        nodes.get(6).awaitAnswering(Duration.ofSeconds(60));
        assertThat(nodes.get(6).consoleTail(400)).contains("Installing the controllers' metadata snapshot");

        // then
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("broker 6 back").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get().stream().map(Node::id)
                            .collect(Collectors.toSet()), BROKERS::equals);
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
        }
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.out()).contains("LeaderId:", "HighWatermark:", "CurrentVoters:");
        assertThat(clusterId.exitCode()).as(clusterId.output()).isZero();
        assertThat(clusterId.out()).startsWith("Cluster ID: ");
        assertThat(replicationViaBroker.exitCode()).as(replicationViaBroker.output()).isZero();
        assertThat(replicationViaBroker.out().lines().filter(line -> line.contains("Leader"))).hasSize(1);
        assertThat(replicationViaBroker.out().lines().filter(line -> line.contains("Follower"))).hasSize(2);
        assertThat(CONTROLLERS).contains(activeController);
        assertThat(consumed).containsExactlyInAnyOrderElementsOf(sent);
        try (Admin controllerAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                controllers))) {
            await("a new active controller").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
                    controllerAdmin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).leaderId(),
                    leader -> CONTROLLERS.contains(leader) && leader != activeController);
        }
    }

    private void startCluster() throws Exception {
        for (int id = 1; id <= 6; id++) {
            ports.put(id, TestPorts.free());
        }
        String voters = CONTROLLERS.stream().sorted().map(id -> id + "@localhost:" + ports.get(id))
                .collect(Collectors.joining(","));
        workDir = Path.of(System.getProperty("basedir", "."), "target", "cluster-it",
                "roles-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"))).toAbsolutePath();
        for (int id = 1; id <= 6; id++) {
            Path nodeDir = workDir.resolve("node-" + id);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("node.id", String.valueOf(id));
            config.put("controller.listener.names", "CONTROLLER");
            config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            config.put("inter.broker.listener.name", "PLAINTEXT");
            config.put("log.dirs", nodeDir.resolve("data").toString());
            config.put("broker.session.timeout.ms", "3000");
            config.put("broker.heartbeat.interval.ms", "500");
            config.put("controller.quorum.election.timeout.ms", "500");
            config.put("auto.leader.rebalance.enable", "false");
            config.put("auto.create.topics.enable", "false");
            int port = ports.get(id);
            if (CONTROLLERS.contains(id)) {
                config.put("process.roles", "controller");
                // Small, so that the test can make them snapshot and purge their logs quickly.
                config.put("metadata.log.max.record.bytes.between.snapshots", "16384");
                config.put("metadata.log.segment.bytes", "65536");
                config.put("controller.quorum.voters", voters);
                config.put("listeners", "CONTROLLER://localhost:" + port);
                config.put("advertised.listeners", "CONTROLLER://localhost:" + port);
            } else {
                config.put("process.roles", "broker");
                if (id == 6) {
                    config.put("controller.quorum.bootstrap.servers", CONTROLLERS.stream().sorted()
                            .map(c -> "localhost:" + ports.get(c)).collect(Collectors.joining(",")));
                } else {
                    config.put("controller.quorum.voters", voters);
                }
                config.put("listeners", "PLAINTEXT://localhost:" + port);
                config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
                config.put("default.replication.factor", "3");
                config.put("min.insync.replicas", "2");
                config.put("offsets.topic.replication.factor", "3");
                config.put("transaction.state.log.replication.factor", "3");
                config.put("transaction.state.log.min.isr", "2");
                config.put("replica.lag.time.max.ms", "3000");
                config.put("replica.fetch.wait.max.ms", "200");
            }
            nodes.put(id, new ChildProcessBroker(nodeDir, port, config));
        }
        for (ChildProcessBroker node : nodes.values()) {
            node.launch();
        }
        for (ChildProcessBroker node : nodes.values()) {
            node.awaitAnswering(Duration.ofSeconds(60));
        }
    }

    /** Whether no running controller keeps the first segment of its Raft log (log_0-...) any more. */
    private boolean controllersPurgedTheirLogStart() throws IOException {
        for (int id : CONTROLLERS) {
            if (!nodes.get(id).isRunning()) {
                continue; // the killed one keeps its files
            }
            Path raft = workDir.resolve("node-" + id).resolve("data").resolve("raft");
            if (!Files.isDirectory(raft)) {
                return false;
            }
            try (Stream<Path> files = Files.walk(raft)) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith("log_0-")
                        || f.getFileName().toString().equals("log_inprogress_0"))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> produce(String bootstrap, String topic, String prefix, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "40000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        List<String> values = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                String value = prefix + "-" + i;
                values.add(value);
                acks.add(producer.send(new ProducerRecord<>(topic, value, value)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(45, TimeUnit.SECONDS);
            }
        }
        return values;
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "roles-check");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (seen.add(record.value())) {
                        values.add(record.value());
                    }
                }
            }
        }
        return values;
    }

}
