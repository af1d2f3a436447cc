package io.tributary.quorum;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.NotControllerException;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metadata.record.MetadataRecord;

/**
 * The metadata log of a cluster member: batches replicated by the Raft quorum ({@link MetadataQuorum}). Only
 * the ready leader appends. A batch's offset is its Raft index; it is delivered as a {@link MetadataBatch}
 * whose {@link MetadataBatch#lastOffset()} is that index.
 */
public final class QuorumMetadataLog implements MetadataLog {

    private final QuorumConfig config;
    private final String controllerListenerName;
    private volatile MetadataQuorum quorum;

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
            }

            @Override
            public void onSnapshot(long offset, List<MetadataRecord> records) {
                committed.accept(MetadataBatch.snapshot(offset, records));
            }
        });
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

    @Override
    public QuorumInfo describe() {
        QuorumState state = quorum.describe();
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
