package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tributary.it.support.AcknowledgingProducer;
import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.TestClients;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.DuplicateVoterException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.VoterNotFoundException;
import org.apache.kafka.tools.ClusterTool;
import org.apache.kafka.tools.FeatureCommand;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KRaft roles apart (docs/cluster.md), issue 16's six-process scenario: three controller-only nodes and three
 * broker-only nodes, each in its own JVM, a topic with RF 3 and min ISR 2, an idempotent acks=all producer writing
 * and a consumer group of two members reading throughout. In sequence: the active controller is killed (SIGKILL) and
 * restarted; a broker is killed, the controllers snapshot and purge their log start meanwhile, and the broker
 * restarted installs their snapshot; a fourth broker starts and a replica of every partition moves to it; a new
 * controller, started with controller.quorum.bootstrap.servers, is added with the official
 * {@code kafka-metadata-quorum add-controller} (AddRaftVoter) and an old one removed with {@code remove-controller}
 * (RemoveRaftVoter), voter changes the leader must refuse get Kafka's errors; the added controller is killed and
 * restarted on another port, which it announces with UpdateRaftVoter.
 * After each step the producer gets more acknowledgements and the group reads more; at the end every acknowledged
 * record is in the log exactly once, in order, and the group has read them all.
 */
@Tag("cluster")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SeparateRolesIT {

    private static final List<Integer> CONTROLLERS = List.of(1, 2, 3);
    private static final List<Integer> BROKERS = List.of(4, 5, 6);
    private static final int BOOTSTRAPPED_BROKER = 6; // finds the controllers by bootstrap servers, not voters
    private static final int FOURTH_BROKER = 7;
    private static final int NEW_CONTROLLER = 8;
    private static final int PARTITIONS = 3;
    private static final int RECORDS_PER_SECOND = 1_000;
    private static final int PROGRESS_PER_STEP = 200;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    /** Small, so that the test can make the controllers snapshot and purge their logs quickly. */
    private static final Map<String, String> CONTROLLER_OVERRIDES = Map.of(
            "metadata.log.max.record.bytes.between.snapshots", "16384",
            "metadata.log.segment.bytes", "65536");

    private final RolesCluster cluster = new RolesCluster("roles", NEW_CONTROLLER);
    private final List<String> stepTimes = new ArrayList<>();
    private TestClients clients;
    private ClusterState state;
    private long stepStart;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (clients != null) {
            clients.close();
        }
        cluster.close();
        System.out.println("SeparateRolesIT: the nodes' data and console logs are under " + cluster.workDir());
    }

    @Test
    void sixProcessesKeepEveryAcknowledgedRecordThroughFailuresAndMembershipChanges() throws Exception {
        // given
        long testStart = System.nanoTime();
        stepStart = testStart;
        defineNodes();
        cluster.start(List.of(1, 2, 3, 4, 5, 6));
        clients = new TestClients(cluster.addresses(BROKERS));
        state = new ClusterState(clients);
        awaitLiveBrokers(Set.copyOf(BROKERS));
        String topic = "six";
        state.admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 3)
                .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
        state.awaitFullIsr(topic, STEP_TIMEOUT);
        String group = "six-group";
        List<Ack> acks;
        int produced;
        List<GroupMember> members = new ArrayList<>();
        try (GroupMember first = GroupMember.start("member-1", clients.classicGroupConsumer(group), true, topic);
             GroupMember second = GroupMember.start("member-2", clients.classicGroupConsumer(group), true, topic)) {
            members.add(first);
            members.add(second);
            AcknowledgingProducer producer = new AcknowledgingProducer(clients, topic, PARTITIONS, "six", Map.of(
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000), RECORDS_PER_SECOND);
            awaitProgress("cluster started", producer, members);

            // when: the official tools against controller-only nodes, and through a broker
            ToolResult status = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                    cluster.addresses(CONTROLLERS), "describe", "--status");
            ToolResult clusterId = KafkaToolRunner.run(ClusterTool::main, "cluster-id", "--bootstrap-controller",
                    cluster.addresses(CONTROLLERS));
            ToolResult replicationViaBroker = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-server",
                    cluster.addresses(BROKERS), "describe", "--replication");
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.out()).contains("LeaderId:", "HighWatermark:", "CurrentVoters:");
            assertThat(clusterId.exitCode()).as(clusterId.output()).isZero();
            assertThat(clusterId.out()).startsWith("Cluster ID: ");
            assertThat(replicationViaBroker.exitCode()).as(replicationViaBroker.output()).isZero();
            assertThat(replicationViaBroker.out().lines().filter(line -> line.contains("Leader"))).hasSize(1);
            assertThat(replicationViaBroker.out().lines().filter(line -> line.contains("Follower"))).hasSize(2);

            // when: the active controller is killed, then restarted
            int active = state.controllerLeaderId();
            assertThat(CONTROLLERS).contains(active);
            cluster.kill(active);
            state.awaitNewControllerLeader(active, STEP_TIMEOUT);
            awaitProgress("active controller " + active + " killed", producer, members);
            cluster.start(List.of(active));
            awaitVoterCaughtUp(active);
            awaitProgress("controller " + active + " restarted", producer, members);

            // when: a broker is killed; metadata changes until every controller snapshotted and purged the start of
            // its Raft log, so the broker, which fetches the metadata log from its start at each start, gets the
            // newest snapshot instead; then it is restarted
            cluster.kill(BOOTSTRAPPED_BROKER);
            awaitProgress("broker " + BOOTSTRAPPED_BROKER + " killed", producer, members);
            churnMetadataUntilControllersPurgedTheirLogStart(topic);
            cluster.start(List.of(BOOTSTRAPPED_BROKER));
            assertThat(cluster.node(BOOTSTRAPPED_BROKER).consoleTail(400))
                    .contains("Installing the controllers' metadata snapshot");
            awaitLiveBrokers(Set.copyOf(BROKERS));
            state.awaitFullIsr(topic, STEP_TIMEOUT);
            awaitProgress("broker " + BOOTSTRAPPED_BROKER + " restarted", producer, members);

            // when: a fourth broker starts and a replica of every partition moves to it
            cluster.start(List.of(FOURTH_BROKER));
            awaitLiveBrokers(Set.of(4, 5, 6, FOURTH_BROKER));
            Map<TopicPartition, List<Integer>> targets = moveOneReplicaOfEachPartitionTo(topic, FOURTH_BROKER);
            for (Map.Entry<TopicPartition, List<Integer>> target : targets.entrySet()) {
                assertThat(state.replicasOf(target.getKey())).as("replicas of %s", target.getKey())
                        .containsExactlyElementsOf(target.getValue());
                assertThat(state.isrOf(target.getKey())).as("ISR of %s", target.getKey()).contains(FOURTH_BROKER);
            }
            awaitProgress("partitions moved to broker " + FOURTH_BROKER, producer, members);

            // when: a new controller, started with bootstrap servers only, is added with the official add-controller
            // (AddRaftVoter); a follower controller is removed with remove-controller (RemoveRaftVoter) and stopped
            cluster.start(List.of(NEW_CONTROLLER));
            long addStart = System.nanoTime();
            ToolResult added = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                    cluster.addresses(CONTROLLERS), "--command-config",
                    cluster.node(NEW_CONTROLLER).propertiesFile().toString(), "add-controller");
            long addMs = (System.nanoTime() - addStart) / 1_000_000;
            assertThat(added.exitCode()).as(added.output()).isZero();
            assertThat(added.out()).contains("Added controller " + NEW_CONTROLLER + " with directory id",
                    "CONTROLLER://localhost:" + cluster.port(NEW_CONTROLLER));
            Set<Integer> fourVoters = new HashSet<>(CONTROLLERS);
            fourVoters.add(NEW_CONTROLLER);
            QuorumInfo withFour = awaitVoters(fourVoters);
            assertThat(withFour.voters()).filteredOn(v -> v.replicaId() == NEW_CONTROLLER).singleElement()
                    .satisfies(v -> assertThat(v.replicaDirectoryId()).isNotEqualTo(Uuid.ZERO_UUID));
            assertThat(withFour.nodes()).containsKey(NEW_CONTROLLER);
            ToolResult replication = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                    cluster.addresses(CONTROLLERS), "describe", "--replication");
            assertThat(replication.exitCode()).as(replication.output()).isZero();
            assertThat(replication.out().lines().filter(l -> l.contains("Leader") || l.contains("Follower")))
                    .as(replication.out()).hasSize(4);
            int removed = CONTROLLERS.stream().filter(id -> id != withFour.leaderId()).findFirst().orElseThrow();
            Uuid removedDirectory = withFour.voters().stream().filter(v -> v.replicaId() == removed).findFirst()
                    .orElseThrow().replicaDirectoryId();
            long removeStart = System.nanoTime();
            ToolResult removal = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                    cluster.addresses(CONTROLLERS), "remove-controller", "--controller-id", String.valueOf(removed),
                    "--controller-directory-id", removedDirectory.toString());
            long removeMs = (System.nanoTime() - removeStart) / 1_000_000;
            assertThat(removal.exitCode()).as(removal.output()).isZero();
            assertThat(removal.out()).contains("Removed", "KRaft controller " + removed + " with directory id");
            cluster.kill(removed);
            List<Integer> controllersNow = new ArrayList<>(CONTROLLERS.stream().filter(id -> id != removed).toList());
            controllersNow.add(NEW_CONTROLLER);
            Set<Integer> voters = Set.copyOf(controllersNow);
            awaitVoters(voters);
            awaitVoterCaughtUp(NEW_CONTROLLER);
            assertVoterChangesRefusedWithKafkasErrors(cluster.addresses(controllersNow));
            awaitProgress("controller " + NEW_CONTROLLER + " added, " + removed + " removed", producer, members);
            stepTimes.add("add-controller " + addMs + " ms, remove-controller " + removeMs + " ms");
            await("the brokers listed as observers").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> state.quorum().observers().stream()
                            .map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet()),
                            observers -> observers.containsAll(Set.of(4, 5, 6, FOURTH_BROKER)));

            // when: the added controller is killed and restarted from its persisted configuration, its controller
            // listener on another port: it tells the leader (UpdateRaftVoter), which reaches it there
            cluster.kill(NEW_CONTROLLER);
            int oldPort = cluster.port(NEW_CONTROLLER);
            cluster.moveToNewPort(NEW_CONTROLLER);
            defineNewController();
            long moveStart = System.nanoTime();
            cluster.start(List.of(NEW_CONTROLLER));
            awaitVoters(voters);
            QuorumInfo moved = await("controller " + NEW_CONTROLLER + " at its new port").atMost(STEP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(state::quorum,
                            quorum -> quorum.nodes().get(NEW_CONTROLLER).endpoints().stream()
                                    .anyMatch(e -> e.port() == cluster.port(NEW_CONTROLLER)));
            assertThat(moved.nodes().get(NEW_CONTROLLER).endpoints()).noneMatch(e -> e.port() == oldPort);
            awaitVoterCaughtUp(NEW_CONTROLLER);
            stepTimes.add(String.format("controller %d moved to a new port and caught up %.1f s after its start",
                    NEW_CONTROLLER, (System.nanoTime() - moveStart) / 1e9));
            ToolResult movedStatus = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-controller",
                    cluster.addresses(controllersNow), "describe", "--status");
            assertThat(movedStatus.exitCode()).as(movedStatus.output()).isZero();
            assertThat(movedStatus.out()).contains("localhost:" + cluster.port(NEW_CONTROLLER))
                    .doesNotContain("localhost:" + oldPort);
            // kraft.version: 1, since the voter set holds directory ids (Kafka's dynamic quorum)
            ToolResult features = KafkaToolRunner.run(FeatureCommand::main, "--bootstrap-controller",
                    cluster.addresses(controllersNow), "describe");
            assertThat(features.out()).as(features.output()).containsPattern(
                    "Feature: kraft.version\\s+SupportedMinVersion: 0\\s+SupportedMaxVersion: 1\\s+"
                            + "FinalizedVersionLevel: 1");
            state.admin().createTopics(List.of(new NewTopic("after-the-changes", 1, (short) 3))).all()
                    .get(30, TimeUnit.SECONDS);
            try (Admin viaAddedController = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                    cluster.addresses(List.of(NEW_CONTROLLER))))) {
                // DescribeCluster at the restarted controller names the active controller, which DescribeQuorum reaches
                QuorumInfo seenFromTheAddedController = viaAddedController.describeMetadataQuorum().quorumInfo()
                        .get(30, TimeUnit.SECONDS);
                assertThat(seenFromTheAddedController.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                        .containsExactlyInAnyOrderElementsOf(voters);
            }
            awaitProgress("added controller " + NEW_CONTROLLER + " restarted", producer, members);

            acks = producer.stopAndCollect();
            produced = producer.sentCount();
            awaitGroupRead(members, acks);
            assertThat(members).allSatisfy(member -> assertThat(member.failure()).isNull());
        }
        List<ConsumerRecord<String, String>> log = Consuming.readToEnd(clients.consumer(),
                Consuming.partitions(topic, PARTITIONS));
        DeliveryCheck.Report report = DeliveryCheck.check("six-process", produced, acks, log);
        System.out.printf("SeparateRolesIT: %s in %.1f s; steps: %s%n", report.line(),
                (System.nanoTime() - testStart) / 1e9, String.join(", ", stepTimes));

        // then
        report.assertExactlyOnceInOrder();
    }

    /** Waits until the producer has more acknowledgements and the group has read more records. */
    private void awaitProgress(String step, AcknowledgingProducer producer, List<GroupMember> members) {
        int acknowledged = producer.acknowledgedCount() + PROGRESS_PER_STEP;
        int read = received(members) + PROGRESS_PER_STEP;
        await("after '" + step + "': " + acknowledged + " acknowledged and " + read + " read by the group")
                .atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> producer.acknowledgedCount() >= acknowledged && received(members) >= read);
        long now = System.nanoTime();
        stepTimes.add(String.format("%s %.1f s", step, (now - stepStart) / 1e9));
        stepStart = now;
    }

    private static int received(List<GroupMember> members) {
        return members.stream().mapToInt(member -> member.received().size()).sum();
    }

    private static void awaitGroupRead(List<GroupMember> members, List<Ack> acks) {
        Set<String> expected = acks.stream().map(Ack::value).collect(Collectors.toSet());
        await("the group to read every acknowledged record").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    Set<String> read = new HashSet<>();
                    members.forEach(member -> read.addAll(member.receivedValues()));
                    return read.containsAll(expected);
                });
    }

    /**
     * Replaces the last replica of each partition by {@code broker} (Admin.alterPartitionReassignments) and waits
     * until no reassignment is pending: the new replica caught up and joined the ISR.
     */
    private Map<TopicPartition, List<Integer>> moveOneReplicaOfEachPartitionTo(String topic, int broker)
            throws Exception {
        Map<TopicPartition, List<Integer>> targets = new LinkedHashMap<>();
        for (TopicPartition partition : Consuming.partitions(topic, PARTITIONS)) {
            List<Integer> replicas = new ArrayList<>(state.replicasOf(partition));
            replicas.set(replicas.size() - 1, broker);
            targets.put(partition, replicas);
        }
        Map<TopicPartition, Optional<NewPartitionReassignment>> moves = new LinkedHashMap<>();
        targets.forEach((partition, replicas) -> moves.put(partition,
                Optional.of(new NewPartitionReassignment(replicas))));
        state.admin().alterPartitionReassignments(moves).all().get(15, TimeUnit.SECONDS);
        await("the reassignments to finish").atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> state.admin().listPartitionReassignments(targets.keySet())
                        .reassignments().get(15, TimeUnit.SECONDS).isEmpty());
        return targets;
    }

    /** Waits until the quorum's voters are {@code voters}, and returns the quorum as described then. */
    private QuorumInfo awaitVoters(Set<Integer> voters) {
        return await("voters " + voters).atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(state::quorum, quorum -> quorum.voters().stream()
                        .map(QuorumInfo.ReplicaState::replicaId).collect(Collectors.toSet()).equals(voters));
    }

    /**
     * Kafka's errors for voter changes the leader must refuse, through an Admin client with bootstrap.controllers:
     * an id already a voter, a voter named with the wrong directory id, an endpoint on no controller listener.
     */
    private void assertVoterChangesRefusedWithKafkasErrors(String controllers) {
        try (Admin controllerAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                controllers))) {
            assertThat(controllerAdmin.addRaftVoter(NEW_CONTROLLER, Uuid.randomUuid(),
                    Set.of(new RaftVoterEndpoint("CONTROLLER", "localhost", cluster.port(NEW_CONTROLLER)))).all())
                    .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(DuplicateVoterException.class);
            assertThat(controllerAdmin.removeRaftVoter(NEW_CONTROLLER, Uuid.randomUuid()).all())
                    .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(VoterNotFoundException.class);
            assertThat(controllerAdmin.addRaftVoter(NEW_CONTROLLER + 1, Uuid.randomUuid(),
                    Set.of(new RaftVoterEndpoint("OTHER", "localhost", 1))).all())
                    .failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(InvalidRequestException.class);
        }
    }

    /** Waits until the leader reports the voter's log end at the high watermark: it follows the leader again. */
    private void awaitVoterCaughtUp(int id) {
        await("controller " + id + " caught up with the leader").atMost(STEP_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(state::quorum, quorum -> quorum.leaderId() >= 0 && quorum.voters().stream()
                        .anyMatch(v -> v.replicaId() == id && v.logEndOffset() >= quorum.highWatermark()));
    }

    private void awaitLiveBrokers(Set<Integer> ids) {
        await("live brokers " + ids).atMost(STEP_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(state::liveBrokerIds, ids::equals);
    }

    private void churnMetadataUntilControllersPurgedTheirLogStart(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        for (int round = 0; !cluster.raftLogStartsPurged(CONTROLLERS); round++) {
            assertThat(round).as("the controllers' Raft logs are purged after snapshots").isLessThan(2_000);
            state.admin().incrementalAlterConfigs(Map.of(resource, List.of(
                    new AlterConfigOp(new ConfigEntry("retention.ms", Long.toString(3_600_000L + round)),
                            AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("segment.ms", Long.toString(7_200_000L + round)),
                            AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Controller 8: controller-only, started with bootstrap servers only, on its current port. */
    private void defineNewController() {
        ClusterConfig.Quorum bootstrapControllers = ClusterConfig.Quorum.bootstrapServers(cluster.ports(CONTROLLERS));
        cluster.define(NEW_CONTROLLER, ClusterConfig.controllerOnly(NEW_CONTROLLER, cluster.port(NEW_CONTROLLER),
                bootstrapControllers, cluster.nodeDir(NEW_CONTROLLER), CONTROLLER_OVERRIDES));
    }

    /**
     * Configures all eight nodes: controllers 1-3 (static voters) and 8 (bootstrap servers), brokers 4 and 5 (static
     * voters), 6 and 7 (bootstrap servers).
     */
    private void defineNodes() {
        Map<Integer, Integer> controllerPorts = cluster.ports(CONTROLLERS);
        ClusterConfig.Quorum voters = ClusterConfig.Quorum.voters(controllerPorts);
        ClusterConfig.Quorum bootstrapControllers = ClusterConfig.Quorum.bootstrapServers(controllerPorts);
        Map<String, String> controllerOverrides = CONTROLLER_OVERRIDES;
        for (int id = 1; id <= NEW_CONTROLLER; id++) {
            Path nodeDir = cluster.nodeDir(id);
            int port = cluster.port(id);
            if (CONTROLLERS.contains(id)) {
                cluster.define(id, ClusterConfig.controllerOnly(id, port, voters, nodeDir, controllerOverrides));
            } else if (id == NEW_CONTROLLER) {
                defineNewController();
            } else {
                ClusterConfig.Quorum quorum = id == BOOTSTRAPPED_BROKER || id == FOURTH_BROKER
                        ? bootstrapControllers : voters;
                cluster.define(id, ClusterConfig.brokerOnly(id, port, quorum, BROKERS.size(), nodeDir, Map.of()));
            }
        }
    }
}
