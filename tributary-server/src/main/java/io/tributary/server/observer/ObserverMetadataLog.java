package io.tributary.server.observer;

import io.tributary.metadata.log.CommittedLogReader;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.MetadataRecordSerde;
import io.tributary.network.client.NodeClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committed metadata log as a broker-only node sees it: fetched from the controllers' controller listener,
 * from the quorum leader when known, else from the next controller of the bootstrap list. Nothing is kept on disk:
 * a start fetches the log from its beginning, and {@link #start} returns once it has reached the high watermark
 * of the first answer, so the image is as current as a voter's replay would make it. This node never writes.
 */
public final class ObserverMetadataLog implements MetadataLog {

    private static final Logger LOG = LoggerFactory.getLogger(ObserverMetadataLog.class);
    private static final short FETCH_VERSION = 17;
    private static final int FETCH_MAX_WAIT_MS = 500;
    private static final int FETCH_MAX_BYTES = 8 * 1024 * 1024;
    private static final long FETCH_TIMEOUT_MS = FETCH_MAX_WAIT_MS + 5_000;
    private static final long RETRY_BACKOFF_MS = 200;

    private final int nodeId;
    private final String clusterId;
    private final List<InetSocketAddress> bootstrap;
    private final NodeClient client;
    /** Every controller's controller listener known here: the voters, then the leaders fetches name. */
    private final Map<Integer, InetSocketAddress> controllers = new ConcurrentHashMap<>();
    private final Uuid directoryId;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile int leaderId = -1;
    private volatile int leaderEpoch = -1;
    private volatile long highWatermark;
    private volatile long nextOffset;
    private volatile boolean closed;
    private Thread fetcher;
    private int bootstrapIndex;

    /**
     * @param voters    the voters' controller listeners ({@code controller.quorum.voters}), possibly empty
     * @param bootstrap where to ask first: the voters' addresses or {@code controller.quorum.bootstrap.servers}
     * @param directoryId this node's metadata directory id, sent with each fetch (the leader reports observers
     *                    by id and directory id)
     */
    public ObserverMetadataLog(int nodeId, Uuid directoryId, String clusterId, Map<Integer, InetSocketAddress> voters,
                               List<InetSocketAddress> bootstrap, NodeClient client) {
        if (bootstrap.isEmpty()) {
            throw new IllegalArgumentException("no controller to fetch the metadata log from");
        }
        this.nodeId = nodeId;
        this.directoryId = directoryId;
        this.clusterId = clusterId;
        this.bootstrap = List.copyOf(bootstrap);
        this.client = client;
        this.controllers.putAll(voters);
    }

    /**
     * The cluster id the controllers report (DescribeCluster on their controller listener), for a broker-only node
     * that knows them only by {@code controller.quorum.bootstrap.servers}: asks each in turn until one answers.
     */
    public static String clusterIdOf(NodeClient client, List<InetSocketAddress> controllers) throws IOException {
        DescribeClusterRequest request = new DescribeClusterRequest.Builder(new DescribeClusterRequestData()
                .setEndpointType((byte) 2)).build((short) 1);
        for (int attempt = 0; ; attempt++) {
            InetSocketAddress controller = controllers.get(attempt % controllers.size());
            try {
                DescribeClusterResponse response = (DescribeClusterResponse) client.send(controller.getHostString(),
                        controller.getPort(), request, 5_000).get(6, TimeUnit.SECONDS);
                if (response.data().errorCode() == Errors.NONE.code() && response.data().clusterId() != null) {
                    return response.data().clusterId();
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.info("Controller {} did not tell the cluster id yet: {}", controller, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while asking the controllers for the cluster id", e);
            }
            try {
                Thread.sleep(RETRY_BACKOFF_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while asking the controllers for the cluster id", e);
            }
        }
    }

    /** Where controller {@code id} is reached, if known: for the controller channel. */
    public Optional<InetSocketAddress> controllerAddress(int id) {
        return Optional.ofNullable(controllers.get(id));
    }

    @Override
    public void start(Consumer<MetadataBatch> committed) throws IOException {
        if (fetcher != null) {
            throw new IllegalStateException("The metadata log has already been started");
        }
        fetcher = new Thread(() -> fetchLoop(committed), "tributary-metadata-fetcher");
        fetcher.setDaemon(true);
        fetcher.start();
        while (true) {
            try {
                caughtUp.get(10, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.info("Node {} is still fetching the metadata log from the controllers {} (at offset {})",
                        nodeId, controllers.isEmpty() ? bootstrap : controllers, nextOffset);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while fetching the metadata log", e);
            } catch (ExecutionException e) {
                throw new IOException("Cannot follow the metadata log", e.getCause());
            }
        }
    }

    private void fetchLoop(Consumer<MetadataBatch> committed) {
        while (!closed) {
            InetSocketAddress target = target();
            try {
                AbstractResponse response = client.send(target.getHostString(), target.getPort(), request(),
                        FETCH_TIMEOUT_MS).get(FETCH_TIMEOUT_MS + 1_000, TimeUnit.MILLISECONDS);
                if (!onResponse((FetchResponse) response, committed)) {
                    pause();
                }
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                if (!closed) {
                    LOG.debug("Metadata fetch from {} failed: {}", target, e.toString());
                    leaderId = -1; // ask the next controller
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_BACKOFF_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** The leader's controller listener when known, else the next bootstrap address. */
    private InetSocketAddress target() {
        InetSocketAddress leader = leaderId >= 0 ? controllers.get(leaderId) : null;
        if (leader != null) {
            return leader;
        }
        return bootstrap.get(Math.floorMod(bootstrapIndex++, bootstrap.size()));
    }

    private FetchRequest request() {
        FetchRequestData data = new FetchRequestData()
                .setClusterId(clusterId)
                .setReplicaState(new FetchRequestData.ReplicaState().setReplicaId(nodeId).setReplicaEpoch(-1))
                .setMaxWaitMs(FETCH_MAX_WAIT_MS)
                .setMinBytes(1)
                .setMaxBytes(FETCH_MAX_BYTES)
                .setTopics(List.of(new FetchRequestData.FetchTopic()
                        .setTopic(org.apache.kafka.common.internals.Topic.CLUSTER_METADATA_TOPIC_NAME)
                        .setTopicId(Uuid.METADATA_TOPIC_ID)
                        .setPartitions(List.of(new FetchRequestData.FetchPartition()
                                .setPartition(0)
                                .setFetchOffset(nextOffset)
                                .setReplicaDirectoryId(directoryId)
                                .setPartitionMaxBytes(FETCH_MAX_BYTES)))));
        return new FetchRequest(data, FETCH_VERSION);
    }

    /** Applies an answer; false when it carried an error (the next fetch waits a little). */
    private boolean onResponse(FetchResponse response, Consumer<MetadataBatch> committed) {
        if (response.error() != Errors.NONE || response.data().responses().isEmpty()) {
            LOG.debug("Metadata fetch answered {}", response.error());
            leaderId = -1;
            return false;
        }
        for (FetchResponseData.NodeEndpoint endpoint : response.data().nodeEndpoints()) {
            controllers.put(endpoint.nodeId(), InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()));
        }
        FetchResponseData.PartitionData partition = response.data().responses().get(0).partitions().get(0);
        if (partition.errorCode() != Errors.NONE.code()) {
            LOG.warn("Metadata fetch at offset {} answered {}", nextOffset, Errors.forCode(partition.errorCode()));
            leaderId = -1;
            return false;
        }
        leaderEpoch = partition.currentLeader().leaderEpoch();
        leaderId = partition.currentLeader().leaderId();
        for (RecordBatch batch : ((MemoryRecords) partition.records()).batches()) {
            for (Record record : batch) {
                List<MetadataRecord> records = MetadataRecordSerde.readRecords(record.value());
                // Behind the controllers' log start: their snapshot replaces the image, the log goes on after it.
                boolean snapshot = record.headers().length > 0
                        && CommittedLogReader.SNAPSHOT_HEADER.equals(record.headers()[0].key());
                if (snapshot) {
                    LOG.info("Installing the controllers' metadata snapshot at offset {}", record.offset());
                }
                committed.accept(snapshot ? MetadataBatch.snapshot(record.offset(), records)
                        : new MetadataBatch(record.offset() - records.size() + 1, records));
                nextOffset = record.offset() + 1;
            }
        }
        highWatermark = partition.highWatermark();
        if (nextOffset >= highWatermark || highWatermark <= 0) {
            caughtUp.complete(null);
        }
        return true;
    }

    @Override
    public CompletionStage<Long> append(List<MetadataRecord> records) {
        return CompletableFuture.failedFuture(new NotControllerException("A broker-only node is not a controller"));
    }

    @Override
    public int writerEpoch() {
        return NOT_WRITER;
    }

    @Override
    public OptionalInt leaderId() {
        int leader = leaderId;
        return leader >= 0 ? OptionalInt.of(leader) : OptionalInt.empty();
    }

    /** What this observer knows: the leader and the high watermark; voters' progress is the leader's to tell. */
    @Override
    public QuorumInfo describe() {
        return new QuorumInfo(leaderId, leaderEpoch, highWatermark, new ArrayList<>());
    }

    @Override
    public void close() {
        closed = true;
        caughtUp.completeExceptionally(new IOException("closed"));
        if (fetcher != null) {
            fetcher.interrupt();
        }
    }
}
