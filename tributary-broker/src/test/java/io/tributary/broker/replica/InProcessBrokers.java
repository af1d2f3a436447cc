package io.tributary.broker.replica;

import io.tributary.broker.fetch.DelayedFetches;
import io.tributary.broker.fetch.FetchHandler;
import io.tributary.broker.fetch.FetchSessionCache;
import io.tributary.broker.fetch.PreferredReadReplicas;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.metrics.BrokerTopicStats;
import io.tributary.broker.partition.AlterPartitionSender;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.ReplicationFixture;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.MetadataReplayer;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.network.FileRegionRecords;
import io.tributary.network.RequestContext;
import io.tributary.network.client.NodeClient;
import io.tributary.storage.LogManager;
import io.tributary.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Brokers in one JVM, each with its own logs, partition manager, real fetch handler and replica fetchers; a
 * node client that hands a fetch straight to the target broker's handler (file regions read back to memory,
 * as the wire would). A broker can be cut off: requests to it fail as disconnects.
 */
/**
 * Brokers in one JVM whose replica fetchers call each other's fetch handlers directly. As a JUnit extension
 * ({@link #withBrokers}), it starts the given brokers on temporary log dirs before each test and closes them after.
 */
final class InProcessBrokers implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    static final String LISTENER = "PLAINTEXT";
    private static final int BASE_PORT = 9000;

    private final int[] startedBeforeEach;
    /** Durable mode (tributary.durable) on every broker added from now on. */
    private volatile boolean durable;
    private final List<Path> tempDirs = new ArrayList<>();
    final Map<Integer, Node> nodes = new ConcurrentHashMap<>();
    final Set<Integer> unreachable = ConcurrentHashMap.newKeySet();
    final ReplicationFixture.FakeController controller = new ReplicationFixture.FakeController();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private volatile MetadataImage image = MetadataImage.empty("test-cluster");
    /** The test topic's effective configuration on every broker. */
    volatile Map<String, ?> topicConfig = Map.of();
    /** replica.fetch.wait.max.ms of brokers added from now on. */
    volatile int replicaFetchWaitMs = 200;
    /** broker.rack of each broker, as published. */
    final Map<Integer, String> racks = new ConcurrentHashMap<>();
    /** The replica.selector.class of brokers added from now on (none: consumers read leaders). */
    volatile PreferredReadReplicas readReplicas = PreferredReadReplicas.NONE;

    final class Node implements AutoCloseable {
        final int id;
        final LogManager logs;
        final PartitionManager partitions;
        final FetchHandler fetch;
        final ReplicaFetcherManager fetchers;

        Node(int id, Path dir) {
            this.id = id;
            logs = new LogManager(StorageConfig.defaults(List.of(dir)).withCleanerEnable(false).withDurable(durable),
                    Time.SYSTEM);
            logs.startup();
            DelayedFetches delayed = new DelayedFetches(timer);
            fetchers = new ReplicaFetcherManager(id, new RoutingClient(), () -> image, LISTENER, () -> 100L + id,
                    new ReplicaFetchConfig(replicaFetchWaitMs, 1, 1 << 20, 10 << 20, 50, 5_000));
            partitions = new PartitionManager(id, logs, topic -> topicConfig, durable, delayed,
                    new AlterPartitionSender(controller, id, () -> 100L + id), fetchers);
            fetch = new FetchHandler(new TopicLookup(() -> image), new FetchSessionCache(10), partitions, delayed,
                    RequestAuthorizer.NONE, BrokerTopicStats.detached(), readReplicas);
        }

        Partition partition() {
            return partitions.get(ReplicationFixture.TP).orElseThrow();
        }

        @Override
        public void close() {
            fetchers.close();
            logs.close();
        }
    }

    MetadataImage image() {
        return image;
    }

    void addBroker(int id, Path dir) {
        nodes.put(id, new Node(id, dir));
    }

    InProcessBrokers(int... startedBeforeEach) {
        this.startedBeforeEach = startedBeforeEach.clone();
    }

    /** Brokers added from now on wait up to {@code ms} in a follower fetch (replica.fetch.wait.max.ms). */
    InProcessBrokers replicaFetchWaitMs(int ms) {
        this.replicaFetchWaitMs = ms;
        return this;
    }

    /** Brokers added from now on ask {@code selector} where consumers should read (replica.selector.class). */
    InProcessBrokers readReplicas(org.apache.kafka.common.replica.ReplicaSelector selector) {
        this.readReplicas = new PreferredReadReplicas(selector);
        return this;
    }

    /** broker.rack of the brokers, as the next {@link #publish} registers them. */
    InProcessBrokers racks(Map<Integer, String> brokerRacks) {
        this.racks.putAll(brokerRacks);
        return this;
    }

    /** Brokers added from now on acknowledge and replicate only fsynced data (tributary.durable=true). */
    InProcessBrokers durable() {
        this.durable = true;
        return this;
    }

    /** The fixture of a test class: brokers {@code ids}, fresh for every test. */
    static InProcessBrokers withBrokers(int... ids) {
        return new InProcessBrokers(ids);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        for (int id : startedBeforeEach) {
            Path dir = Files.createTempDirectory("tributary-broker-" + id);
            tempDirs.add(dir);
            addBroker(id, dir);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        for (Path dir : tempDirs) {
            Utils.delete(dir.toFile());
        }
    }

    /** Publishes an image where the test partition has {@code leader} in {@code leaderEpoch}, to every broker. */
    void publish(int leader, int leaderEpoch, int partitionEpoch, int[] isr) {
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty("test-cluster"));
        for (int id : nodes.keySet()) {
            replayer.replay(new RegisterBrokerRecord(id, List.of(new BrokerRegistration.Listener(LISTENER,
                    "localhost", BASE_PORT + id, SecurityProtocol.PLAINTEXT)), racks.get(id), false));
        }
        replayer.replay(new TopicRecord(ReplicationFixture.TP.topic(), ReplicationFixture.TOPIC_ID));
        int[] replicas = nodes.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        replayer.replay(new PartitionRecord(ReplicationFixture.TOPIC_ID, 0, replicas, isr, leader, leaderEpoch,
                partitionEpoch));
        image = replayer.build(partitionEpoch);
        nodes.values().forEach(n -> n.partitions.onMetadataUpdate(null, image));
    }

    @Override
    public void close() {
        nodes.values().forEach(n -> n.fetchers.close()); // every fetcher first: they call each other's handlers
        nodes.values().forEach(Node::close);
        timer.shutdown();
    }

    private final class RoutingClient implements NodeClient {
        @Override
        public CompletableFuture<AbstractResponse> send(String host, int port, AbstractRequest request,
                                                        long timeoutMs) {
            Node target = nodes.get(port - BASE_PORT);
            if (target == null || unreachable.contains(target.id)) {
                return CompletableFuture.failedFuture(new DisconnectException("cut off"));
            }
            RequestContext context = new RequestContext(new RequestHeader(ApiKeys.FETCH, request.version(),
                    "replica", 1), "test", InetAddress.getLoopbackAddress(), LISTENER);
            return target.fetch.handle(context, (FetchRequest) request).toCompletableFuture()
                    .thenCompose(action -> unreachable.contains(target.id)
                            // cut off while the fetch was parked: the answer is lost too
                            ? CompletableFuture.failedFuture(new DisconnectException("cut off"))
                            : CompletableFuture.completedFuture(toMemory((FetchResponse) action.response())));
        }

        @Override
        public void close() {
        }
    }

    /** What the follower would parse off the wire: records in memory instead of file regions. */
    private static AbstractResponse toMemory(FetchResponse response) {
        for (FetchResponseData.FetchableTopicResponse topic : response.data().responses()) {
            for (FetchResponseData.PartitionData p : topic.partitions()) {
                if (p.records() instanceof FileRegionRecords) {
                    p.setRecords(inMemory(p.records()));
                }
            }
        }
        return response;
    }

    /** A fetch answer's records in memory: a file region is read back, as the wire would carry it. */
    static MemoryRecords inMemory(org.apache.kafka.common.record.internal.BaseRecords records) {
        if (records instanceof MemoryRecords memory) {
            return memory;
        }
        FileRegionRecords region = (FileRegionRecords) records;
        ByteBuffer bytes = ByteBuffer.allocate(region.sizeInBytes());
        try {
            region.channel().read(bytes, region.position());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.flip();
        return MemoryRecords.readableRecords(bytes);
    }
}
