package io.tributary.server.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metadata.record.MetadataRecord;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.kafka.common.Uuid;

/**
 * The metadata log as the controller uses it, timed for {@code raft-metrics}: how long an append takes to commit
 * ({@code commit-latency-avg}, {@code -max}), records appended by this node as the writer
 * ({@code append-records-rate}) and records it received from the writer ({@code fetch-records-rate}). Everything
 * else goes straight to the log.
 */
final class ObservedMetadataLog implements MetadataLog {

    private final MetadataLog log;
    private final Histogram commitLatencyMs;
    private final Meter appendedRecords;
    private final Meter fetchedRecords;

    ObservedMetadataLog(MetadataLog log, Histogram commitLatencyMs, Meter appendedRecords, Meter fetchedRecords) {
        this.log = log;
        this.commitLatencyMs = commitLatencyMs;
        this.appendedRecords = appendedRecords;
        this.fetchedRecords = fetchedRecords;
    }

    @Override
    public void start(Consumer<MetadataBatch> committed) throws IOException {
        log.start(batch -> {
            if (log.writerEpoch() == NOT_WRITER && !batch.snapshot()) {
                fetchedRecords.mark(batch.records().size());
            }
            committed.accept(batch);
        });
    }

    @Override
    public CompletionStage<Long> append(List<MetadataRecord> records) {
        long start = System.nanoTime();
        return log.append(records).whenComplete((offset, failure) -> {
            if (failure == null) {
                commitLatencyMs.update((System.nanoTime() - start) / 1_000_000);
                appendedRecords.mark(records.size());
            }
        });
    }

    @Override
    public void imageApplied(MetadataImage image) {
        log.imageApplied(image);
    }

    @Override
    public int writerEpoch() {
        return log.writerEpoch();
    }

    @Override
    public OptionalInt leaderId() {
        return log.leaderId();
    }

    @Override
    public QuorumInfo describe() {
        return log.describe();
    }

    @Override
    public CompletionStage<Void> addVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                          long timeoutMs) {
        return log.addVoter(voterId, directoryId, endpoints, timeoutMs);
    }

    @Override
    public CompletionStage<Void> removeVoter(int voterId, Uuid directoryId, long timeoutMs) {
        return log.removeVoter(voterId, directoryId, timeoutMs);
    }

    @Override
    public CompletionStage<Void> updateVoter(int voterId, Uuid directoryId, List<QuorumInfo.Endpoint> endpoints,
                                             long timeoutMs) {
        return log.updateVoter(voterId, directoryId, endpoints, timeoutMs);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
