package io.tributary.quorum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

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
        quorum = MetadataQuorum.start(config, new CommittedBatchListener() {
            @Override
            public void onCommittedBatch(long offset, List<MetadataRecord> records) {
                committed.accept(new MetadataBatch(offset - records.size() + 1, records));
                committed(offset);
            }

            @Override
            public void onSnapshot(long offset, List<MetadataRecord> records) {
                committed.accept(MetadataBatch.snapshot(offset, records));
                committed(offset);
            }
        });
    }

    /** Set before waking the waiters, so a waiter that missed the wake-up sees the new offset. */
    private void committed(long offset) {
        lastCommitted = offset;
        nextCommit.getAndSet(new CompletableFuture<>()).complete(null);
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
        List<QuorumInfo.Voter> voters = new ArrayList<>();
        for (QuorumState.VoterState voter : state.voters()) {
            InetSocketAddress address = config.voters().get(voter.nodeId());
            List<QuorumInfo.Endpoint> endpoints = address == null ? List.of()
                : List.of(new QuorumInfo.Endpoint(controllerListenerName, address.getHostString(), address.getPort()));
            voters.add(new QuorumInfo.Voter(voter.nodeId(), voter.logEndOffset(), voter.lastFetchTimestamp(),
                voter.lastCaughtUpTimestamp(), endpoints));
        }
        return new QuorumInfo(state.leaderId(), state.leaderEpoch(), state.highWatermark(), voters);
    }

    @Override
    public void close() throws IOException {
        MetadataQuorum current = quorum;
        if (current != null) {
            current.close();
        }
    }
}
