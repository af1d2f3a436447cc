package io.tributary.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.ControllerConfig;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.image.MetadataImage;

/** Three controllers on the Raft quorum: one is active, and after it dies another continues from its state. */
class ControllerFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final Map<Integer, InetSocketAddress> voters = new LinkedHashMap<>();
    private final Map<Integer, MetadataController> controllers = new TreeMap<>();
    private final Map<Integer, QuorumMetadataLog> logs = new TreeMap<>();

    @AfterEach
    void stopAll() throws IOException {
        for (int id : List.copyOf(controllers.keySet())) {
            stop(id);
        }
    }

    @Test
    void aNewActiveControllerContinuesAndAllImagesAreIdenticalIncludingARestartedNode() throws Exception {
        // given
        for (int id = 1; id <= 3; id++) {
            voters.put(id, new InetSocketAddress("127.0.0.1", freePort()));
        }
        for (int id = 1; id <= 3; id++) {
            start(id);
        }
        MetadataController first = awaitActive();
        Map<Integer, Long> epochs = new TreeMap<>();
        for (int broker = 1; broker <= 3; broker++) {
            epochs.put(broker, registerAndUnfence(first, broker));
        }
        createTopic(first, "before", 3);
        long firstBlock = get(first.allocateProducerIds(new AllocateProducerIdsRequestData().setBrokerId(1)
            .setBrokerEpoch(epochs.get(1)))).producerIdStart();
        MetadataController follower = controllers.values().stream().filter(c -> c != first).findFirst().orElseThrow();
        assertThatThrownBy(() -> get(follower.createTopics(new CreateTopicsRequestData())))
            .isInstanceOf(NotControllerException.class);

        // when
        stop(first.nodeId());
        MetadataController second = awaitActive();
        createTopic(second, "after", 3);
        long secondBlock = get(second.allocateProducerIds(new AllocateProducerIdsRequestData().setBrokerId(2)
            .setBrokerEpoch(epochs.get(2)))).producerIdStart();
        start(first.nodeId());
        DescribeQuorumResponseData quorum = get(second.describeQuorum(new DescribeQuorumRequestData()));

        // then
        assertThat(second.nodeId()).isNotEqualTo(first.nodeId());
        assertThat(secondBlock).isEqualTo(firstBlock + 1000);
        assertThat(second.image().topics().get("before")).isPresent();
        assertThat(second.image().topics().get("after").orElseThrow().replicationFactor()).isEqualTo((short) 3);
        // the restarted node replayed its Raft log and caught up like the others
        assertThat(controllers).hasSize(3);
        await().atMost(WAIT).untilAsserted(() -> {
            List<MetadataImage> images = controllers.values().stream().map(MetadataController::image).toList();
            assertThat(images).allSatisfy(image -> assertThat(image).isEqualTo(images.get(0)));
        });
        var partition = quorum.topics().get(0).partitions().get(0);
        assertThat(partition.leaderId()).isEqualTo(second.nodeId());
        assertThat(partition.currentVoters()).hasSize(3);
        assertThat(quorum.nodes()).hasSize(3);
        for (MetadataController controller : controllers.values()) {
            assertThat(controller.activeControllerId()).isEqualTo(OptionalInt.of(second.nodeId()));
        }
    }

    private void start(int id) throws IOException {
        QuorumConfig config = QuorumConfig.of(id, voters, dir.resolve("node-" + id))
            .withElectionTimeout(Duration.ofMillis(400), Duration.ofMillis(800))
            .withAppendTimeout(Duration.ofSeconds(20));
        QuorumMetadataLog log = QuorumMetadataLog.open(config, "CONTROLLER");
        MetadataController controller = new MetadataController(
            new ControllerConfig(id, "quorum-test-cluster", Map.of(), List.of(), null), log, Time.SYSTEM);
        controller.start();
        logs.put(id, log);
        controllers.put(id, controller);
    }

    private void stop(int id) throws IOException {
        controllers.remove(id).close();
        logs.remove(id).close();
    }

    private MetadataController awaitActive() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(
            () -> controllers.values().stream().filter(MetadataController::isActive).findFirst().orElse(null),
            c -> c != null);
    }

    private static long registerAndUnfence(MetadataController controller, int brokerId) throws Exception {
        BrokerRegistrationRequestData request = new BrokerRegistrationRequestData().setBrokerId(brokerId)
            .setClusterId("quorum-test-cluster").setIncarnationId(Uuid.randomUuid());
        request.listeners().add(new BrokerRegistrationRequestData.Listener().setName("PLAINTEXT")
            .setHost("localhost").setPort(9092 + brokerId).setSecurityProtocol((short) 0));
        long epoch = get(controller.registerBroker(request)).brokerEpoch();
        var heartbeat = get(controller.brokerHeartbeat(new BrokerHeartbeatRequestData().setBrokerId(brokerId)
            .setBrokerEpoch(epoch).setCurrentMetadataOffset(controller.image().offset())));
        assertThat(heartbeat.isFenced()).isFalse();
        return epoch;
    }

    private static void createTopic(MetadataController controller, String name, int replicationFactor)
        throws Exception {
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(new CreateTopicsRequestData.CreatableTopic().setName(name).setNumPartitions(2)
            .setReplicationFactor((short) replicationFactor));
        assertThat(get(controller.createTopics(request)).topics().find(name).errorCode()).isZero();
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
