package io.tributary.quorum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.NotControllerException;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.CommittedLogReader;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.MetadataRecordSerde;
import io.tributary.metadata.record.BinaryWriter;
import io.tributary.metadata.snapshot.MetadataSnapshot;

/**
 * The metadata log of a cluster member: batches replicated by the Raft quorum ({@link MetadataQuorum}). Only
 * the ready leader appends. A batch's offset is its Raft index; it is delivered as a {@link MetadataBatch}
 * whose {@link MetadataBatch#lastOffset()} is that index.
 */
public final class QuorumMetadataLog implements MetadataLog, CommittedLogReader {

    private final QuorumConfig config;
    private final String controllerListenerName;
    private volatile MetadataQuorum quorum;
    /** The last offset handed to the consumer, and a future completed (and replaced) at each commit. */
    private volatile long lastCommitted = -1;
    private final AtomicReference<CompletableFuture<Void>> nextCommit = new AtomicReference<>(new CompletableFuture<>());
    private final QuorumObservers observers = new QuorumObservers();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(QuorumMetadataLog.class);
    private static final long REJOIN_RETRY_MS = 500;
    private volatile Consumer<MetadataBatch> consumer;
    /** Each start of a Raft server gets the next number, so a late failure report of an old one is ignored. */
    private final AtomicInteger generation = new AtomicInteger();
    private final Object rejoinLock = new Object();
    private int lastFailedGeneration;
    private boolean rejoining;
    private volatile boolean closed;

    private QuorumMetadataLog(QuorumConfig config, String controllerListenerName) {
        this.config = config;
        this.controllerListenerName = controllerListenerName;
    }

    /** A log that joins the quorum when the controller starts it ({@link #start}). */
    public static QuorumMetadataLog open(QuorumConfig config, String controllerListenerName) {
        return new QuorumMetadataLog(config, controllerListenerName);
    }

    /** Joins the quorum; the local Raft log is replayed to {@code committed} first, then new commits follow. */
    @Override
    public void start(Consumer<MetadataBatch> committed) throws IOException {
        if (quorum != null) {
            throw new IllegalStateException("The metadata log has already been started");
        }
        this.consumer = committed;
        MetadataQuorum started = join(generation.incrementAndGet());
        synchronized (rejoinLock) {
            if (!rejoining) { // else its log failed while starting: the rejoin under way replaces it
                quorum = started;
            }
        }
    }

    /**
     * Starts this node's Raft server. A batch at or below the last offset already handed on is skipped: after a
     * {@link #rejoin} Ratis replays the local snapshot and log, which the consumer has seen.
     */
    private MetadataQuorum join(int joinGeneration) throws IOException {
        CompletableFuture<MetadataQuorum> self = new CompletableFuture<>();
        try {
            MetadataQuorum joined = MetadataQuorum.start(config, new CommittedBatchListener() {
                @Override
                public void onCommittedBatch(long offset, List<MetadataRecord> records) {
                    if (offset > lastCommitted) {
                        consumer.accept(new MetadataBatch(offset - records.size() + 1, records));
                        committed(offset);
                    }
                }

                @Override
                public void onSnapshot(long offset, List<MetadataRecord> records) {
                    if (offset > lastCommitted) {
                        consumer.accept(MetadataBatch.snapshot(offset, records));
                        committed(offset);
                    }
                }
            }, cause -> logFailed(joinGeneration, self, cause));
            self.complete(joined);
            return joined;
        } catch (IOException | RuntimeException e) {
            self.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * The local Raft log could not be written (a full disk, most likely: the log lives in a log dir). Ratis fails
     * every later write of that server, so this node leaves the quorum at once (a leader steps down; the others go
     * on) and rejoins with a new server on the same storage once the disk has room again, without a restart of the
     * process. Called on Ratis' log thread for the failed write and every one after it.
     */
    private void logFailed(int failedGeneration, CompletableFuture<MetadataQuorum> failed, Throwable cause) {
        synchronized (rejoinLock) {
            if (failedGeneration <= lastFailedGeneration || closed) {
                return;
            }
            lastFailedGeneration = failedGeneration;
            if (rejoining) {
                return; // the rejoin under way checks the server it started before it uses it
            }
            rejoining = true;
        }
        Thread rejoin = new Thread(() -> rejoin(failed, cause), "metadata-quorum-rejoin");
        rejoin.setDaemon(true);
        rejoin.start();
    }

    private void rejoin(CompletableFuture<MetadataQuorum> failedServer, Throwable cause) {
        long start = System.nanoTime();
        long room = RejoinRoom.neededBytes(config.segmentBytes());
        LOG.error("The metadata log in {} could not be written ({}); this node leaves the metadata quorum and rejoins"
            + " once the disk has {} bytes free", config.dataDir(), cause.toString(), room);
        MetadataQuorum failed = failedServer.exceptionally(e -> null).join(); // null: its start failed anyway
        synchronized (rejoinLock) {
            if (quorum == failed) {
                quorum = null; // meanwhile: not a leader, no appends, describe() knows nothing
            }
        }
        closeQuietly(failed);
        while (!closed) {
            try {
                if (RejoinRoom.has(config.dataDir(), room)) {
                    int next = generation.incrementAndGet();
                    MetadataQuorum rejoined = join(next);
                    if (replaceWith(rejoined, next)) {
                        LOG.info("Rejoined the metadata quorum {} ms after its log failed",
                            (System.nanoTime() - start) / 1_000_000);
                        return;
                    }
                    // Closed outside the lock: Ratis' log thread, which the close waits for, reports under it.
                    closeQuietly(rejoined); // failed again while starting (or the log closed): wait for room again
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not rejoin the metadata quorum yet: {}", e.toString());
            }
            try {
                Thread.sleep(REJOIN_RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Makes {@code rejoined} the quorum member unless its log failed already or this log was closed. */
    private boolean replaceWith(MetadataQuorum rejoined, int rejoinedGeneration) {
        synchronized (rejoinLock) {
            if (closed || lastFailedGeneration >= rejoinedGeneration) {
                return false;
            }
            quorum = rejoined;
            rejoining = false;
            return true;
        }
    }

    private static void closeQuietly(MetadataQuorum failed) {
        if (failed == null) {
            return;
        }
        try {
            failed.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the failed metadata quorum member: {}", e.toString());
        }
    }

    /** Set before waking the waiters, so a waiter that missed the wake-up sees the new offset. */
    private void committed(long offset) {
        lastCommitted = offset;
        nextCommit.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /** This node's id and the directory id of its metadata log directory (KIP-853's replica key). */
    public int nodeId() {
        return config.nodeId();
    }

    public Uuid directoryId() {
        return config.directoryId();
    }

    /** Where this node's Raft server listens (its actual port), or null before it starts. */
    public InetSocketAddress raftAddress() {
        MetadataQuorum current = quorum;
        return current == null ? null : current.raftAddress();
    }

    @Override
    public List<SerializedBatch> readCommitted(long fromOffset, int maxBytes) {
        MetadataQuorum current = quorum;
        if (current == null) {
            throw new NotControllerException("The metadata quorum is not started");
        }
        long start = current.logStartOffset();
        if (fromOffset < start) {
            return List.of(snapshotFor(current, fromOffset, start));
        }
        List<SerializedBatch> batches = new ArrayList<>();
        long last = lastCommitted;
        int bytes = 0;
        for (long offset = fromOffset; offset <= last; offset++) {
            ByteBuffer payload;
            try {
                payload = current.payloadAt(offset);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (payload == null) {
                continue; // Raft's own entry
            }
            if (!batches.isEmpty() && bytes + payload.remaining() > maxBytes) {
                break;
            }
            batches.add(new SerializedBatch(offset, payload));
            bytes += payload.remaining();
        }
        return batches;
    }

    /** What a reader behind the purged log start gets: the newest snapshot, which the log goes on from. */
    private static SerializedBatch snapshotFor(MetadataQuorum quorum, long fromOffset, long start) {
        MetadataSnapshot snapshot;
        try {
            snapshot = quorum.latestSnapshot();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (snapshot == null || snapshot.lastOffset() + 1 < start) {
            throw new OffsetBeforeLogStartException("offset " + fromOffset + " is before the log start " + start
                + " and no snapshot reaches it");
        }
        BinaryWriter out = new BinaryWriter(4096);
        MetadataRecordSerde.writeRecords(snapshot.records(), out);
        return new SerializedBatch(snapshot.lastOffset(), out.toByteBuffer(), true);
    }

    @Override
    public long highWatermark() {
        return lastCommitted + 1;
    }

    @Override
    public CompletableFuture<Void> awaitCommittedAfter(long offset) {
        CompletableFuture<Void> next = nextCommit.get();
        return lastCommitted > offset ? CompletableFuture.completedFuture(null) : next;
    }

    @Override
    public int leaderEpoch() {
        MetadataQuorum current = quorum;
        return current == null ? -1 : current.leaderEpoch();
    }

    @Override
    public void imageApplied(MetadataImage image) {
        MetadataQuorum current = quorum;
        if (current != null) {
            current.imageApplied(image);
        }
    }

    @Override
    public CompletionStage<Long> append(List<MetadataRecord> records) {
        MetadataQuorum current = quorum;
        if (current == null) {
            return CompletableFuture.failedFuture(new NotControllerException("The metadata quorum is not started"));
        }
        return current.append(records);
    }

    @Override
    public int writerEpoch() {
        MetadataQuorum current = quorum;
        return current != null && current.isLeader() ? current.leaderEpoch() : NOT_WRITER;
    }

    @Override
    public OptionalInt leaderId() {
        MetadataQuorum current = quorum;
        return current == null ? OptionalInt.empty() : current.leaderId();
    }

    /** See {@link MetadataQuorum#startElectionWithoutLeader}; false before the quorum started. */
    public boolean startElectionWithoutLeader(int deadLeaderId) {
        MetadataQuorum current = quorum;
        return current != null && current.startElectionWithoutLeader(deadLeaderId);
    }

    @Override
    public QuorumInfo describe() {
        MetadataQuorum current = quorum;
        if (current == null) {
            return new QuorumInfo(-1, -1, 0, List.of()); // not started: nothing known yet (metrics may ask)
        }
        QuorumState state = current.describe();
        Map<Integer, QuorumVoter> configured = new HashMap<>();
        state.configuration().forEach(voter -> configured.put(voter.nodeId(), voter));
        List<QuorumInfo.Voter> voters = new ArrayList<>();
        for (QuorumState.VoterState voter : state.voters()) {
            QuorumVoter member = configured.get(voter.nodeId());
            InetSocketAddress address = member.address();
            voters.add(new QuorumInfo.Voter(voter.nodeId(), member.directoryId(), voter.logEndOffset(),
                voter.lastFetchTimestamp(), voter.lastCaughtUpTimestamp(), List.of(new QuorumInfo.Endpoint(
                    controllerListenerName, address.getHostString(), address.getPort()))));
        }
        List<QuorumInfo.Voter> following = current.isLeader()
            ? observers.describe(configured.keySet(), System.currentTimeMillis(), state.leaderEpoch()) : List.of();
        return new QuorumInfo(state.leaderId(), state.leaderEpoch(), state.highWatermark(), voters, following);
    }

    /**
     * Every voter's id and Raft address (its controller listener) in the newest configuration this node knows; the
     * static {@code controller.quorum.voters} before the quorum starts.
     */
    public Map<Integer, InetSocketAddress> voters() {
        MetadataQuorum current = quorum;
        if (current == null) {
            return config.voters();
        }
        Map<Integer, InetSocketAddress> voters = new LinkedHashMap<>();
        current.voters().forEach(voter -> voters.put(voter.nodeId(), voter.address()));
        return voters;
    }

    @Override
    public void observerFetched(int replicaId, Uuid directoryId, long fetchOffset) {
        MetadataQuorum current = quorum;
        if (current != null && current.isLeader()) {
            observers.fetched(replicaId, directoryId, fetchOffset, System.currentTimeMillis(), current.leaderEpoch());
        }
    }

    /** The new voter is reached on its endpoint of this cluster's controller listener, as in Kafka. */
    @Override
    public CompletionStage<Void> addVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                          long timeoutMs) {
        return withVoter(voterId, directoryId, endpoints, (quorum, voter) -> quorum.addVoter(voter, timeoutMs));
    }

    /** The voter is reached on its new endpoint of the controller listener once the change is committed. */
    @Override
    public CompletionStage<Void> updateVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                             long timeoutMs) {
        return withVoter(voterId, directoryId, endpoints, (quorum, voter) -> quorum.updateVoter(voter, timeoutMs));
    }

    private CompletionStage<Void> withVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                            java.util.function.BiFunction<MetadataQuorum, QuorumVoter,
                                                CompletionStage<Void>> change) {
        MetadataQuorum current = quorum;
        if (current == null) {
            return CompletableFuture.failedFuture(new NotControllerException("The metadata quorum is not started"));
        }
        QuorumInfo.Endpoint endpoint = endpoints.stream()
            .filter(e -> e.listenerName().equalsIgnoreCase(controllerListenerName)).findFirst().orElse(null);
        if (endpoint == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException("Provided listeners "
                + endpoints.stream().map(QuorumInfo.Endpoint::listenerName).toList()
                + " do not contain a listener for " + controllerListenerName));
        }
        return change.apply(current, new QuorumVoter(voterId, directoryId,
            InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port())));
    }

    @Override
    public CompletionStage<Void> removeVoter(int voterId, Uuid directoryId, long timeoutMs) {
        MetadataQuorum current = quorum;
        if (current == null) {
            return CompletableFuture.failedFuture(new NotControllerException("The metadata quorum is not started"));
        }
        // The address plays no part in finding the voter to remove.
        return current.removeVoter(new QuorumVoter(voterId, directoryId,
            InetSocketAddress.createUnresolved("unused", 0)), timeoutMs);
    }

    @Override
    public void close() throws IOException {
        synchronized (rejoinLock) {
            closed = true;
        }
        MetadataQuorum current = quorum;
        if (current != null) {
            current.close();
        }
    }
}
