package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.LogConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a lock-free read_committed fetch sees while transactions end: records below the last stable offset that
 * belong to an aborted transaction must always come with that transaction in the aborted list, or a consumer
 * hands them to the application as committed (found by the nemesis: an aborted record read, later gone).
 */
class ReadCommittedVisibilityTest {

    private static final long PID = 4000L;
    private static final short EPOCH = 0;

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @ParameterizedTest(name = "as {0}")
    @ValueSource(strings = {"leader", "follower"})
    void anAbortedTransactionBelowTheLastStableOffsetIsAlwaysInTheAbortedList(String role) throws Exception {
        // given a writer that opens a one-record transaction, makes it visible to the high watermark, and aborts it,
        // over and over, as a leader does while its followers keep up (or a follower replicating such a leader)
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> violation = new AtomicReference<>();
        Runnable abortedTransaction = role.equals("leader") ? this::abortAsLeader : this::abortAsFollower;
        Thread writer = new Thread(() -> {
            while (!stop.get()) abortedTransaction.run();
        }, "writer");

        // when a reader computes the LSO as a fetch does (high watermark first) and looks up the aborted
        // transactions just below it, again and again
        writer.start();
        long deadline = System.nanoTime() + 1_500_000_000L;
        long checks = 0;
        try {
            while (System.nanoTime() < deadline && violation.get() == null) {
                long highWatermark = log.highWatermark();
                long lastStable = Math.min(log.lastStableOffset(), highWatermark);
                long from = Math.max(0, lastStable - 2);
                List<AbortedTransaction> aborted = log.abortedTransactions(from, lastStable);
                // data batches sit at even offsets, markers at odd ones
                for (long offset = from; offset < lastStable; offset++) {
                    long dataOffset = offset;
                    if (dataOffset % 2 == 0
                            && aborted.stream().noneMatch(t -> t.firstOffset() == dataOffset)) {
                        violation.set("record at " + dataOffset + " below LSO " + lastStable
                                + " without its aborted transaction in " + new ArrayList<>(aborted));
                    }
                }
                checks++;
            }
        } finally {
            stop.set(true);
            writer.join();
        }

        // then no read ever saw an aborted record as committed
        assertThat(violation.get()).as("after %d reads", checks).isNull();
        assertThat(log.logEndOffset()).isGreaterThan(100);
    }

    private int sequence;

    private void abortAsLeader() {
        log.appendAsLeader(TransactionTest.transactional(PID, EPOCH, sequence++, "v"), 0);
        log.updateHighWatermark(log.logEndOffset());
        log.appendTxnMarker(PID, EPOCH, 5, false, 0);
        log.updateHighWatermark(log.logEndOffset());
    }

    private void abortAsFollower() {
        long offset = log.logEndOffset();
        log.appendAsFollower(MemoryRecords.withTransactionalRecords(offset, Compression.NONE, PID, EPOCH, sequence++,
                0, new SimpleRecord("v".getBytes())));
        log.setHighWatermark(log.logEndOffset());
        log.appendAsFollower(MemoryRecords.withEndTransactionMarker(offset + 1, 0L, 0, PID, EPOCH,
                new EndTransactionMarker(ControlRecordType.ABORT, 5)));
        log.setHighWatermark(log.logEndOffset());
    }
}
