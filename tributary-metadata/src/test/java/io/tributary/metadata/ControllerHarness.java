package io.tributary.metadata;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;

import io.tributary.metadata.log.LocalMetadataLog;

/** Starts a controller on a local metadata log in a temp dir, and restarts it on the same dir. */
public final class ControllerHarness implements AutoCloseable {

    public static final int NODE_ID = 1;
    public static final String CLUSTER_ID = "test-cluster-id-0000000";

    private final Path dir;
    private final Map<String, String> staticConfig;
    private LocalMetadataLog log;
    private MetadataController controller;

    public ControllerHarness(Path dir, Map<String, String> staticConfig) throws Exception {
        this.dir = dir;
        this.staticConfig = staticConfig;
        open();
    }

    public ControllerHarness(Path dir) throws Exception {
        this(dir, Map.of());
    }

    public MetadataController controller() {
        return controller;
    }

    public MetadataImage image() {
        return controller.image();
    }

    public void restart() throws java.io.IOException {
        close();
        open();
    }

    public static ControllerConfig config(Map<String, String> staticConfig) {
        return new ControllerConfig(NODE_ID, CLUSTER_ID, staticConfig,
            List.of(new BrokerRegistration.Listener("PLAINTEXT", "localhost", 9092, SecurityProtocol.PLAINTEXT)), null);
    }

    private void open() throws java.io.IOException {
        log = LocalMetadataLog.open(dir, NODE_ID);
        controller = new MetadataController(config(staticConfig), log, Time.SYSTEM);
        controller.start();
        if (controller.image().brokers().get(NODE_ID).isEmpty()) {
            try {
                registerAndUnfence(controller, NODE_ID);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Registers broker {@code brokerId} (new incarnation) and unfences it with a caught-up heartbeat. */
    public static long registerAndUnfence(MetadataController controller, int brokerId) throws Exception {
        BrokerRegistrationRequestData request = new BrokerRegistrationRequestData()
            .setBrokerId(brokerId)
            .setClusterId(controller.image().clusterId())
            .setIncarnationId(Uuid.randomUuid());
        request.listeners().add(new BrokerRegistrationRequestData.Listener().setName("PLAINTEXT")
            .setHost("localhost").setPort(9091 + brokerId).setSecurityProtocol(SecurityProtocol.PLAINTEXT.id));
        long epoch = await(controller.registerBroker(request)).brokerEpoch();
        await(controller.brokerHeartbeat(new BrokerHeartbeatRequestData().setBrokerId(brokerId)
            .setBrokerEpoch(epoch).setCurrentMetadataOffset(controller.image().offset())));
        return epoch;
    }

    public static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public CreatableTopicResult createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        CreatableTopic topic = new CreatableTopic().setName(name).setNumPartitions(partitions)
            .setReplicationFactor((short) -1);
        configs.forEach((k, v) -> topic.configs().add(new CreatableTopicConfig().setName(k).setValue(v)));
        request.topics().add(topic);
        CreateTopicsResponseData response = await(controller.createTopics(request));
        return response.topics().find(name);
    }

    @Override
    public void close() throws java.io.IOException {
        controller.close();
        log.close();
    }
}
