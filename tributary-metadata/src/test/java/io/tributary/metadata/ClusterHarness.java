package io.tributary.metadata;

import static io.tributary.metadata.ControllerHarness.await;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import io.tributary.metadata.log.LocalMetadataLog;
import org.apache.kafka.common.utils.MockTime;

/**
 * A controller on a local log with a manual clock and several brokers registered through the controller API,
 * the way brokers of a cluster register with the active controller.
 */
public final class ClusterHarness implements AutoCloseable {

    public static final long SESSION_TIMEOUT_MS = 9000;

    private final Path dir;
    private final Map<String, String> staticConfig;
    private static final long START_MS = 1_000_000L;

    private final MockTime time = new MockTime(0, START_MS, START_MS * 1_000_000L);
    private final Map<Integer, Long> epochs = new HashMap<>();
    private LocalMetadataLog log;
    private MetadataController controller;

    public ClusterHarness(Path dir, Map<String, String> staticConfig) throws Exception {
        this.dir = dir;
        this.staticConfig = staticConfig;
        open();
    }

    public MetadataController controller() {
        return controller;
    }

    public MockTime time() {
        return time;
    }

    public MetadataImage image() {
        return controller.image();
    }

    public long epochOf(int brokerId) {
        return epochs.get(brokerId);
    }

    public void restart() throws Exception {
        close();
        open();
    }

    private void open() throws Exception {
        log = LocalMetadataLog.open(dir, 1);
        controller = new MetadataController(ControllerHarness.config(staticConfig), log, time);
        controller.start();
    }

    /** Registers with a new incarnation; returns the broker epoch. The broker is fenced until it heartbeats. */
    public long register(int brokerId) throws Exception {
        return register(brokerId, null);
    }

    /** Same, with {@code broker.rack} (null: none). */
    public long register(int brokerId, String rack) throws Exception {
        return register(brokerId, rack, -1L);
    }

    /** A restart after a clean shutdown: the new incarnation sends the epoch it had as PreviousBrokerEpoch. */
    public long registerAfterCleanShutdown(int brokerId) throws Exception {
        return register(brokerId, null, epochs.get(brokerId));
    }

    private long register(int brokerId, String rack, long previousBrokerEpoch) throws Exception {
        BrokerRegistrationRequestData request = new BrokerRegistrationRequestData()
            .setBrokerId(brokerId)
            .setPreviousBrokerEpoch(previousBrokerEpoch)
            .setRack(rack)
            .setClusterId(image().clusterId())
            .setIncarnationId(Uuid.randomUuid());
        request.listeners().add(new BrokerRegistrationRequestData.Listener().setName("PLAINTEXT")
            .setHost("localhost").setPort(9090 + brokerId).setSecurityProtocol(SecurityProtocol.PLAINTEXT.id));
        long epoch = await(controller.registerBroker(request)).brokerEpoch();
        epochs.put(brokerId, epoch);
        return epoch;
    }

    public BrokerHeartbeatResponseData heartbeat(int brokerId) throws Exception {
        return await(controller.brokerHeartbeat(new BrokerHeartbeatRequestData().setBrokerId(brokerId)
            .setBrokerEpoch(epochs.get(brokerId)).setCurrentMetadataOffset(image().offset())));
    }

    public BrokerHeartbeatResponseData heartbeat(BrokerHeartbeatRequestData request) throws Exception {
        return await(controller.brokerHeartbeat(request.setBrokerEpoch(epochs.get(request.brokerId()))));
    }

    /** Registers again after a clean shutdown (see {@link #registerAfterCleanShutdown}) and heartbeats. */
    public void registerAndUnfenceAfterCleanShutdown(int brokerId) throws Exception {
        registerAfterCleanShutdown(brokerId);
        heartbeat(brokerId);
    }

    /** Controlled shutdown, as a stopping broker asks it: heartbeats with wantShutDown until granted. */
    public void controlledShutdown(int brokerId) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            BrokerHeartbeatResponseData response = heartbeat(new BrokerHeartbeatRequestData().setBrokerId(brokerId)
                .setWantShutDown(true).setCurrentMetadataOffset(image().offset()));
            if (response.shouldShutDown()) {
                return;
            }
        }
        throw new IllegalStateException("Broker " + brokerId + " was not granted its controlled shutdown");
    }

    public void registerAndUnfence(int... brokerIds) throws Exception {
        for (int id : brokerIds) {
            register(id);
            heartbeat(id);
        }
    }

    /** Creates a topic with one partition per given replica list. */
    public Uuid createTopic(String name, Map<String, String> configs, int[]... assignments) throws Exception {
        CreatableTopic topic = new CreatableTopic().setName(name).setNumPartitions(-1).setReplicationFactor((short) -1);
        for (int i = 0; i < assignments.length; i++) {
            topic.assignments().add(new CreatableReplicaAssignment().setPartitionIndex(i)
                .setBrokerIds(Arrays.stream(assignments[i]).boxed().toList()));
        }
        configs.forEach((k, v) -> topic.configs().add(new CreatableTopicConfig().setName(k).setValue(v)));
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(topic);
        var result = await(controller.createTopics(request)).topics().find(name);
        if (result.errorCode() != 0) {
            throw new IllegalStateException("Creating " + name + " failed: " + result.errorMessage());
        }
        return result.topicId();
    }

    public PartitionRegistration partition(String topic, int index) {
        return image().topics().get(topic).orElseThrow().partition(index).orElseThrow();
    }

    /** Advances the clock and lets the controller's timers run. */
    public void advance(long ms) throws Exception {
        time.sleep(ms);
        await(controller.runPeriodicTasks());
    }

    @Override
    public void close() throws Exception {
        controller.close();
        log.close();
    }
}
