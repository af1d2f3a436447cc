package io.tributary.it.cluster;

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
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replacing a controller without downtime (KIP-853, docs/cluster.md): three controller-only voters and two
 * broker-only nodes under an acks=all producer; a fourth controller started with controller.quorum.bootstrap.servers
 * waits, is added with the official {@code kafka-metadata-quorum add-controller}, an old voter is removed with
 * {@code remove-controller} and killed; the quorum goes on committing and no acknowledged record is lost.
 */
@Tag("cluster")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DynamicQuorumIT {

    private static final Set<Integer> CONTROLLERS = Set.of(1, 2, 3);
    private static final Set<Integer> BROKERS = Set.of(5, 6);
    private static final int NEW_CONTROLLER = 4;

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
    void aControllerIsAddedAndAnOldOneRemovedWhileTheClusterServes() throws Exception {
        // given
        startCluster();
        String bootstrap = BROKERS.stream().map(id -> "localhost:" + ports.get(id)).collect(Collectors.joining(","));
        String oldControllers = CONTROLLERS.stream().sorted().map(id -> "localhost:" + ports.get(id))
                .collect(Collectors.joining(","));
        String topic = "dyn";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await("brokers registered").atMost(Duration.ofSeconds(40)).ignoreExceptions()
                    .until(() -> admin.describeCluster().nodes().get().stream().map(Node::id)
                            .collect(Collectors.toSet()), BROKERS::equals);
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 2)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(bootstrap, topic, producing, acknowledged), "acks-all-producer");
        producer.start();
        ChildProcessBroker newController = nodes.get(NEW_CONTROLLER);
        newController.launch();
        newController.awaitAnswering(Duration.ofSeconds(60));

        // when: add the new controller with the official tool, its own config as the command config
        long addStart = System.nanoTime();
        ToolResult added = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                oldControllers, "--command-config", newController.propertiesFile().toString(), "add-controller");
        long addMs = (System.nanoTime() - addStart) / 1_000_000;
        QuorumInfo afterAdd = describe(oldControllers);
        ToolResult replication = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                oldControllers, "describe", "--replication");
        int leader = afterAdd.leaderId();
        int removed = CONTROLLERS.stream().filter(id -> id != leader).sorted().findFirst().orElseThrow();
        Uuid removedDirectory = afterAdd.voters().stream().filter(v -> v.replicaId() == removed).findFirst()
                .orElseThrow().replicaDirectoryId();
        long removeStart = System.nanoTime();
        ToolResult removal = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                oldControllers, "remove-controller", "--controller-id", String.valueOf(removed),
                "--controller-directory-id", removedDirectory.toString());
        long removeMs = (System.nanoTime() - removeStart) / 1_000_000;
        nodes.get(removed).kill();
        String remaining = nodes.keySet().stream().filter(id -> id != removed && !BROKERS.contains(id))
                .map(id -> "localhost:" + ports.get(id)).collect(Collectors.joining(","));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("after-the-change", 1, (short) 2))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        QuorumInfo afterRemoval = describe(remaining);
        Throwable duplicate;
        Throwable notFound;
        Throwable noControllerListener;
        try (Admin controllerAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, remaining))) {
            duplicate = failureOf(() -> controllerAdmin.addRaftVoter(NEW_CONTROLLER, Uuid.randomUuid(),
                    Set.of(new RaftVoterEndpoint("CONTROLLER", "localhost", ports.get(NEW_CONTROLLER)))).all()
                    .get(30, TimeUnit.SECONDS));
            notFound = failureOf(() -> controllerAdmin.removeRaftVoter(NEW_CONTROLLER, Uuid.randomUuid()).all()
                    .get(30, TimeUnit.SECONDS));
            noControllerListener = failureOf(() -> controllerAdmin.addRaftVoter(7, Uuid.randomUuid(),
                    Set.of(new RaftVoterEndpoint("OTHER", "localhost", 1))).all().get(30, TimeUnit.SECONDS));
        }
        Thread.sleep(1_000);
        producing.set(false);
        producer.join(60_000);
        System.out.printf("DynamicQuorumIT: add-controller took %d ms, remove-controller %d ms (the official tool"
                + " run in-process, its admin client included); %d records acknowledged meanwhile%n", addMs, removeMs,
                acknowledged.size());

        // then
        assertThat(added.exitCode()).as(added.output()).isZero();
        assertThat(added.out()).contains("Added controller 4 with directory id",
                "CONTROLLER://localhost:" + ports.get(NEW_CONTROLLER));
        assertThat(afterAdd.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                .containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(afterAdd.voters()).filteredOn(v -> v.replicaId() == NEW_CONTROLLER).singleElement()
                .satisfies(v -> assertThat(v.replicaDirectoryId()).isNotEqualTo(Uuid.ZERO_UUID));
        assertThat(afterAdd.nodes()).containsKey(NEW_CONTROLLER);
        assertThat(replication.exitCode()).as(replication.output()).isZero();
        assertThat(replication.out().lines().filter(l -> l.contains("Leader") || l.contains("Follower")))
                .as(replication.out()).hasSize(4);
        assertThat(removal.exitCode()).as(removal.output()).isZero();
        assertThat(removal.out()).contains("Removed", "KRaft controller " + removed + " with directory id");
        assertThat(afterRemoval.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                .containsExactlyInAnyOrderElementsOf(allBut(Set.of(1, 2, 3, 4), removed));
        assertThat(afterRemoval.observers()).extracting(QuorumInfo.ReplicaState::replicaId)
                .containsAll(BROKERS);
        assertThat(duplicate).isInstanceOf(DuplicateVoterException.class);
        assertThat(notFound).isInstanceOf(VoterNotFoundException.class);
        assertThat(noControllerListener).isInstanceOf(InvalidRequestException.class);
        assertThat(acknowledged).hasSizeGreaterThan(100);
        assertThat(consume(bootstrap, topic, acknowledged.size())).containsAll(acknowledged);
    }

    /** The quorum as the controllers report it, once the change is visible and the brokers fetched from the leader. */
    private static QuorumInfo describe(String controllers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controllers))) {
            return await("quorum with observers").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS),
                            q -> q.observers().stream().map(QuorumInfo.ReplicaState::replicaId)
                                    .collect(Collectors.toSet()).containsAll(BROKERS));
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    /** The cause of the failure of an admin call (null if it succeeded). */
    private static Throwable failureOf(Call call) {
        try {
            call.run();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    private static Set<Integer> allBut(Set<Integer> ids, int removed) {
        Set<Integer> rest = new HashSet<>(ids);
        rest.remove(removed);
        return rest;
    }

    private void startCluster() throws Exception {
        for (int id = 1; id <= 6; id++) {
            ports.put(id, TestPorts.free());
        }
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        CONTROLLERS.forEach(id -> controllerPorts.put(id, ports.get(id)));
        ClusterConfig.Quorum voters = ClusterConfig.Quorum.voters(controllerPorts);
        ClusterConfig.Quorum bootstrapControllers = ClusterConfig.Quorum.bootstrapServers(controllerPorts);
        workDir = Path.of(System.getProperty("basedir", "."), "target", "cluster-it",
                "dynquorum-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS")))
                .toAbsolutePath();
        for (int id = 1; id <= 6; id++) {
            Path nodeDir = workDir.resolve("node-" + id);
            int port = ports.get(id);
            Map<String, String> config = BROKERS.contains(id)
                    ? ClusterConfig.brokerOnly(id, port, bootstrapControllers, BROKERS.size(), nodeDir, Map.of())
                    : ClusterConfig.controllerOnly(id, port, id == NEW_CONTROLLER ? bootstrapControllers : voters,
                            nodeDir, Map.of());
            nodes.put(id, new ChildProcessBroker(nodeDir, port, config));
        }
        for (Map.Entry<Integer, ChildProcessBroker> node : nodes.entrySet()) {
            if (node.getKey() != NEW_CONTROLLER) {
                node.getValue().launch();
            }
        }
        for (Map.Entry<Integer, ChildProcessBroker> node : nodes.entrySet()) {
            if (node.getKey() != NEW_CONTROLLER) {
                node.getValue().awaitAnswering(Duration.ofSeconds(60));
            }
        }
    }

    /** Sends until told to stop, one record at a time in flight per batch of 20; keeps what was acknowledged. */
    private static void produce(String bootstrap, String topic, AtomicBoolean producing, List<String> acknowledged) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "40000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; producing.get(); i++) {
                String value = "v-" + i;
                producer.send(new ProducerRecord<>(topic, value, value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    }
                });
                if (i % 20 == 19) {
                    producer.flush();
                    Thread.sleep(20);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dynquorum-check");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.value());
                }
            }
        }
        return new ArrayList<>(seen);
    }
}
