package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static io.tributary.storage.LogFixture.fetchAll;
import static io.tributary.storage.LogFixture.idempotent;
import static io.tributary.storage.LogFixture.readAllValues;
import static io.tributary.storage.TransactionTest.transactional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.EpochEndOffset;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.api.ReadResult;
import io.tributary.storage.api.UnexpectedAppendOffsetException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowerAppendTest {

    private static final LogConfig SMALL_SEGMENTS = LogConfig.builder().segmentBytes(1024).indexIntervalBytes(64).build();
    private static final long PID = 4000L;
    private static final short EPOCH = 0;

    @TempDir
    Path dir;
    LogFixture leaderFixture;
    LogFixture followerFixture;
    PartitionLog leader;
    PartitionLog follower;

    @BeforeEach
    void setUp() {
        leaderFixture = new LogFixture(dir.resolve("leader"));
        followerFixture = new LogFixture(dir.resolve("follower"));
        leader = leaderFixture.log(SMALL_SEGMENTS);
        follower = followerFixture.log(SMALL_SEGMENTS);
    }

    @AfterEach
    void tearDown() {
        leaderFixture.close();
        followerFixture.close();
    }

    private void leaderAppend(MemoryRecords records, int epoch) {
        leader.appendAsLeader(records, epoch);
        leader.updateHighWatermark(leader.logEndOffset());
    }

    private static List<String> batchHeaders(MemoryRecords records) {
        List<String> headers = new ArrayList<>();
        for (RecordBatch b : records.batches()) {
            headers.add(b.baseOffset() + "-" + b.lastOffset() + "@" + b.partitionLeaderEpoch() + " pid=" + b.producerId()
                    + " pe=" + b.producerEpoch() + " seq=" + b.baseSequence() + " ctl=" + b.isControlBatch()
                    + " crc=" + b.checksum());
        }
        return headers;
    }

    @Test
    void followerKeepsTheLeadersBytesOffsetsEpochsAndProducerState() {
        // given
        for (int i = 0; i < 20; i++) leaderAppend(batch(START_MS + i, "a" + i, "b" + i), 1 + i / 10);
        leaderAppend(idempotent(PID, EPOCH, 0, "x", "y"), 3);
        MemoryRecords fetched = fetchAll(leader, 0);

        // when
        AppendResult result = follower.appendAsFollower(fetched);

        // then
        assertThat(result.firstOffset()).isZero();
        assertThat(result.lastOffset()).isEqualTo(leader.logEndOffset() - 1);
        assertThat(result.recordCount()).isEqualTo(42);
        assertThat(follower.logEndOffset()).isEqualTo(leader.logEndOffset()).isEqualTo(42);
        MemoryRecords replicated = fetchAll(follower, 0);
        assertThat(replicated.buffer()).isEqualTo(fetched.buffer());
        assertThat(batchHeaders(replicated)).isEqualTo(batchHeaders(fetched));
        assertThat(follower.latestEpoch()).isEqualTo(3);
        for (int epoch = 0; epoch <= 4; epoch++)
            assertThat(follower.endOffsetForEpoch(epoch)).isEqualTo(leader.endOffsetForEpoch(epoch));
        assertThat(follower.activeProducers()).singleElement().satisfies(p -> {
            assertThat(p.producerId()).isEqualTo(PID);
            assertThat(p.lastSequence()).isEqualTo(1);
        });
        assertThat(follower.highWatermark()).isZero(); // the follower's high watermark comes from the leader
    }

    @Test
    void batchesFetchedOneAtATimeAcrossRollsReadBackInOrder() {
        // given
        for (int i = 0; i < 30; i++) leaderAppend(batch(START_MS + i, "v" + i), 2);

        // when
        while (follower.logEndOffset() < leader.logEndOffset()) {
            ReadResult read = leader.read(follower.logEndOffset(), 100, leader.logEndOffset(), true);
            follower.appendAsFollower(LogFixture.heapCopy(read.records()));
        }
        follower.setHighWatermark(leader.highWatermark());

        // then
        assertThat(readAllValues(follower)).isEqualTo(readAllValues(leader));
        assertThat(follower.numberOfSegments()).isEqualTo(leader.numberOfSegments());
        assertThat(follower.offsetForTimestamp(START_MS + 17)).isEqualTo(leader.offsetForTimestamp(START_MS + 17));
        assertThat(follower.offsetOfMaxTimestamp()).isEqualTo(leader.offsetOfMaxTimestamp());
    }

    @Test
    void aPartialTrailingBatchIsLeftOutAndEmptyInputAppendsNothing() {
        // given
        leaderAppend(batch(START_MS, "a"), 0);
        leaderAppend(batch(START_MS, "b"), 0);
        MemoryRecords whole = fetchAll(leader, 0);
        ByteBuffer cut = whole.buffer().duplicate();
        cut.limit(cut.limit() - 5);

        // when
        AppendResult result = follower.appendAsFollower(MemoryRecords.readableRecords(cut.slice()));

        // then
        assertThat(result.lastOffset()).isZero();
        assertThat(follower.logEndOffset()).isEqualTo(1);
        assertThat(follower.appendAsFollower(MemoryRecords.EMPTY)).isNull();
    }

    @Test
    void batchesBelowTheLogEndAreRejected() {
        // given
        leaderAppend(batch(START_MS, "a"), 0);
        leaderAppend(batch(START_MS, "b"), 0);
        follower.appendAsFollower(fetchAll(leader, 0));

        // when / then
        assertThatThrownBy(() -> follower.appendAsFollower(fetchAll(leader, 1)))
                .isInstanceOf(UnexpectedAppendOffsetException.class);
        assertThat(follower.logEndOffset()).isEqualTo(2);
    }

    @Test
    void aCorruptBatchIsRejected() {
        // given
        leaderAppend(batch(START_MS, "a"), 0);
        MemoryRecords fetched = fetchAll(leader, 0);
        ByteBuffer buf = fetched.buffer();
        buf.put(buf.limit() - 1, (byte) (buf.get(buf.limit() - 1) ^ 0x5a));

        // when / then
        assertThatThrownBy(() -> follower.appendAsFollower(fetched)).isInstanceOf(CorruptRecordException.class);
        assertThat(follower.logEndOffset()).isZero();
    }

    @Test
    void transactionMarkersEndTransactionsAndIndexAbortsLikeTheLeader() {
        // given
        leaderAppend(transactional(PID, EPOCH, 0, "t1", "t2"), 0);
        leaderAppend(transactional(PID + 1, EPOCH, 0, "u1"), 0);
        leader.appendTxnMarker(PID, EPOCH, 7, false, 0);
        leaderAppend(batch(START_MS, "plain"), 0);
        leader.updateHighWatermark(leader.logEndOffset());

        // when
        follower.appendAsFollower(fetchAll(leader, 0));
        follower.setHighWatermark(leader.highWatermark());

        // then
        assertThat(follower.abortedTransactions(0, follower.logEndOffset()))
                .isEqualTo(leader.abortedTransactions(0, leader.logEndOffset())).hasSize(1);
        assertThat(follower.lastStableOffset()).isEqualTo(leader.lastStableOffset()).isEqualTo(2);
        assertThat(follower.activeProducers()).hasSize(2);
        assertThat(follower.activeProducers()).filteredOn(p -> p.producerId() == PID).singleElement()
                .satisfies(p -> {
                    assertThat(p.coordinatorEpoch()).isEqualTo(7);
                    assertThat(p.currentTxnStartOffset()).isEqualTo(-1);
                });

        // and when the other transaction commits through the follower path too
        leader.appendTxnMarker(PID + 1, EPOCH, 7, true, 0);
        leader.updateHighWatermark(leader.logEndOffset());
        follower.appendAsFollower(fetchAll(leader, follower.logEndOffset()));
        follower.setHighWatermark(leader.highWatermark());
        assertThat(follower.lastStableOffset()).isEqualTo(follower.logEndOffset());
    }

    @Test
    void anEmptyFollowerRestartsAtABatchThatHoldsItsLogStart() {
        // given a leader whose log start is inside a batch
        leaderAppend(batch(START_MS, "a", "b", "c"), 0);
        follower.truncateFullyAndStartAt(1);

        // when
        follower.appendAsFollower(fetchAll(leader, 0));

        // then
        assertThat(follower.logStartOffset()).isZero();
        assertThat(follower.logEndOffset()).isEqualTo(3);
    }

    @Test
    void highWatermarkIsClampedToTheLogAndMayMoveBack() {
        // given
        for (int i = 0; i < 5; i++) leaderAppend(batch(START_MS, "v" + i), 0);
        follower.appendAsFollower(fetchAll(leader, 0));

        // when
        follower.setHighWatermark(100);
        long clampedHigh = follower.highWatermark();
        follower.setHighWatermark(2);

        // then
        assertThat(clampedHigh).isEqualTo(5);
        assertThat(follower.highWatermark()).isEqualTo(2);
        assertThat(follower.read(0, 1 << 16, follower.highWatermark(), true).records().batches())
                .extracting(RecordBatch::baseOffset).containsExactly(0L, 1L);
    }

    @Test
    void aNewLeaderRecordsItsEpochStart() {
        // given
        leaderAppend(batch(START_MS, "a"), 1);
        follower.appendAsFollower(fetchAll(leader, 0));

        // when
        follower.assignEpochStartOffset(4, follower.logEndOffset());
        follower.appendAsLeader(batch(START_MS, "b"), 4);

        // then
        assertThat(follower.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 1));
        assertThat(follower.endOffsetForEpoch(4)).isEqualTo(new EpochEndOffset(4, 2));
    }

    @Test
    void aCompactedLeaderLogWithOffsetGapsIsReplicatedAsItIs() {
        // given a compacted leader: batches of overwritten keys are gone, leaving gaps between offsets
        try (LogFixture compactedFixture = new LogFixture(dir.resolve("compacted"))) {
            PartitionLog compacted = compactedFixture.log(LogConfig.builder().cleanupPolicy("compact")
                    .segmentBytes(512).fileDeleteDelayMs(0).build());
            for (int round = 0; round < 10; round++) {
                for (String key : List.of("a", "b", "c")) {
                    compacted.appendAsLeader(LogFixture.keyed(START_MS, key, key + round), 0);
                }
            }
            compacted.appendAsLeader(LogFixture.keyed(START_MS, "d", "d0"), 0);
            compacted.updateHighWatermark(compacted.logEndOffset());
            compactedFixture.manager.runCleaner();
            assertThat(readAllValues(compacted)).hasSizeLessThan(31);

            // when
            follower.appendAsFollower(fetchAll(compacted, 0));
            follower.setHighWatermark(compacted.highWatermark());

            // then
            assertThat(readAllValues(follower)).isEqualTo(readAllValues(compacted));
            assertThat(follower.logEndOffset()).isEqualTo(compacted.logEndOffset()).isEqualTo(31);
        }
    }

    @Test
    void aCompactionListedBeforeATruncationIsNotSwappedIn() throws Exception {
        // given
        for (int i = 0; i < 30; i++) leaderAppend(batch(START_MS + i, "v" + i), 0);
        PartitionCompaction compaction = leader.cleanable();
        List<io.tributary.storage.segment.LogSegment> listed = compaction.segments();

        // when
        leader.truncateTo(5);

        // then
        assertThat(compaction.replaceSegments(listed.subList(0, 1), listed.get(0))).isFalse();
        assertThat(leader.logEndOffset()).isEqualTo(5);
        assertThat(readAllValues(leader)).hasSize(5);
    }

    private static MemoryRecords batchAt(long baseOffset, String value) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(256), Compression.NONE,
                TimestampType.CREATE_TIME, baseOffset);
        builder.append(new SimpleRecord(START_MS, value.getBytes(StandardCharsets.UTF_8)));
        return builder.build();
    }

    @Test
    void aGapTooWideForOneSegmentStartsANewSegmentAtTheBatch() {
        // given
        follower.appendAsFollower(batchAt(0, "first"));

        // when
        long far = 3_000_000_000L;
        follower.appendAsFollower(batchAt(far, "far"));

        // then
        assertThat(follower.numberOfSegments()).isEqualTo(2);
        assertThat(follower.logEndOffset()).isEqualTo(far + 1);
        follower.setHighWatermark(far + 1);
        assertThat(readAllValues(follower)).containsExactly("0:first", far + ":far");
    }
}
