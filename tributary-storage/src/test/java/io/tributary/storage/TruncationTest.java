package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static io.tributary.storage.LogFixture.fetchAll;
import static io.tributary.storage.LogFixture.idempotent;
import static io.tributary.storage.LogFixture.readAllValues;
import static io.tributary.storage.TransactionTest.transactional;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.EpochEndOffset;
import io.tributary.storage.api.LogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruncationTest {

    private static final LogConfig SMALL_SEGMENTS = LogConfig.builder().segmentBytes(1024).indexIntervalBytes(64).build();
    private static final long PID = 5000L;
    private static final short EPOCH = 0;

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(SMALL_SEGMENTS);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** count single-record batches, leader epoch epochOf(i); returns the values expected at offsets 0.. */
    private List<String> appendValues(int count, int epochStep) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AppendResult r = log.appendAsLeader(batch(START_MS + i, "v" + i), 1 + i / epochStep);
            expected.add(r.firstOffset() + ":v" + i);
        }
        log.updateHighWatermark(log.logEndOffset());
        return expected;
    }

    private List<Path> liveSegmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("orders-0"))) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    private void reopen() {
        fixture.restart();
        log = fixture.manager.getLog(LogFixture.TP).orElseThrow();
    }

    private void reopenUnclean() throws IOException {
        // a crash: no clean-shutdown marker, so segments after the recovery point are rescanned
        fixture.manager.close();
        Files.delete(dir.resolve(".kafka_cleanshutdown"));
        fixture.start();
        log = fixture.manager.getLog(LogFixture.TP).orElseThrow();
    }

    @Test
    void truncatingInsideTheActiveSegmentDropsTheTailAndAppendsContinue() {
        // given
        List<String> expected = appendValues(10, 100);

        // when
        log.truncateTo(6);

        // then
        assertThat(log.logEndOffset()).isEqualTo(6);
        assertThat(log.highWatermark()).isEqualTo(6);
        assertThat(readAllValues(log)).isEqualTo(expected.subList(0, 6));
        AppendResult next = log.appendAsLeader(batch(START_MS, "new"), 2);
        assertThat(next.firstOffset()).isEqualTo(6);
        log.updateHighWatermark(log.logEndOffset());
        assertThat(readAllValues(log)).endsWith("6:new").hasSize(7);
        assertThat(log.endOffsetForEpoch(1)).isEqualTo(new EpochEndOffset(1, 6));
    }

    @Test
    void truncatingAcrossSegmentsDeletesLaterSegmentsAndEpochs() throws IOException {
        // given
        List<String> expected = appendValues(60, 20);
        int segmentsBefore = log.numberOfSegments();
        assertThat(segmentsBefore).isGreaterThan(3);

        // when
        log.truncateTo(25);

        // then
        assertThat(log.logEndOffset()).isEqualTo(25);
        assertThat(readAllValues(log)).isEqualTo(expected.subList(0, 25));
        assertThat(log.numberOfSegments()).isLessThan(segmentsBefore);
        assertThat(liveSegmentFiles()).hasSize(log.numberOfSegments());
        assertThat(log.latestEpoch()).isEqualTo(2);
        assertThat(log.endOffsetForEpoch(2)).isEqualTo(new EpochEndOffset(2, 25));
        assertThat(log.endOffsetForEpoch(3)).isEqualTo(new EpochEndOffset(2, 25));
        assertThat(log.offsetForTimestamp(START_MS + 40)).isEmpty();
        assertThat(log.offsetOfMaxTimestamp()).hasValueSatisfying(t -> assertThat(t.offset()).isEqualTo(24));

        // and the log keeps growing from there, rolling as before
        for (int i = 0; i < 40; i++) log.appendAsLeader(batch(START_MS + 100 + i, "w" + i), 5);
        log.updateHighWatermark(log.logEndOffset());
        assertThat(readAllValues(log)).hasSize(65).startsWith(expected.subList(0, 25).toArray(String[]::new))
                .endsWith("64:w39");
    }

    @Test
    void truncatingToTheLogStartEmptiesTheLog() {
        // given
        appendValues(30, 100);
        log.deleteRecordsBefore(3);

        // when
        log.truncateTo(3);

        // then
        assertThat(log.logStartOffset()).isEqualTo(3);
        assertThat(log.logEndOffset()).isEqualTo(3);
        assertThat(log.numberOfSegments()).isEqualTo(1);
        assertThat(readAllValues(log)).isEmpty();
        assertThat(log.latestEpoch()).isEqualTo(-1);
        assertThat(log.appendAsLeader(batch(START_MS, "again"), 7).firstOffset()).isEqualTo(3);
    }

    @Test
    void truncationAtOrPastTheLogEndChangesNothing() {
        // given
        List<String> expected = appendValues(5, 100);

        // when
        log.truncateTo(5);
        log.truncateTo(50);

        // then
        assertThat(readAllValues(log)).isEqualTo(expected);
        assertThat(log.highWatermark()).isEqualTo(5);
    }

    @Test
    void producerStateAndLastStableOffsetAreRebuiltFromTheRemainingLog() {
        // given
        log.appendAsLeader(batch(START_MS, "plain"), 0);                     // 0
        log.appendAsLeader(transactional(PID, EPOCH, 0, "t1", "t2"), 0);   // 1-2
        log.appendAsLeader(idempotent(PID + 1, EPOCH, 0, "i1"), 0);        // 3
        log.appendTxnMarker(PID, EPOCH, 3, false, 0);                       // 4 aborts 1-2
        log.appendAsLeader(idempotent(PID + 1, EPOCH, 1, "i2"), 0);        // 5
        log.updateHighWatermark(log.logEndOffset());
        assertThat(log.lastStableOffset()).isEqualTo(6);
        assertThat(log.abortedTransactions(0, 6)).hasSize(1);

        // when the marker is truncated away
        log.truncateTo(4);

        // then the transaction is open again and its abort is no longer indexed
        assertThat(log.lastStableOffset()).isEqualTo(1);
        assertThat(log.abortedTransactions(0, 4)).isEmpty();
        assertThat(log.activeProducers()).filteredOn(p -> p.producerId() == PID + 1).singleElement()
                .satisfies(p -> assertThat(p.lastSequence()).isZero());
        assertThat(log.activeProducers()).filteredOn(p -> p.producerId() == PID).singleElement()
                .satisfies(p -> assertThat(p.currentTxnStartOffset()).isEqualTo(1));

        // and when the transaction's data goes too, the producer is forgotten
        log.truncateTo(1);
        assertThat(log.activeProducers()).isEmpty();
        assertThat(log.lastStableOffset()).isEqualTo(1).isEqualTo(log.highWatermark());
        // a retried sequence is accepted again as new, since its earlier append no longer exists
        assertThat(log.appendAsLeader(idempotent(PID + 1, EPOCH, 0, "i1"), 1).duplicate()).isFalse();
    }

    @Test
    void producerStateRebuildUsesSnapshotsBelowTheTruncationPoint() {
        // given idempotent batches across several segments (a snapshot at each roll)
        for (int seq = 0; seq < 40; seq++) log.appendAsLeader(idempotent(PID, EPOCH, seq, "p" + seq), 0);
        log.updateHighWatermark(log.logEndOffset());
        assertThat(log.numberOfSegments()).isGreaterThan(2);

        // when
        log.truncateTo(17);

        // then the next sequence is 17, whatever snapshot the rebuild started from
        assertThat(log.activeProducers()).singleElement().satisfies(p -> assertThat(p.lastSequence()).isEqualTo(16));
        assertThat(log.appendAsLeader(idempotent(PID, EPOCH, 17, "p17"), 0).firstOffset()).isEqualTo(17);
    }

    @Test
    void fullTruncationRestartsTheLogAtAnyOffset() throws IOException {
        // given
        appendValues(30, 10);

        // when
        log.truncateFullyAndStartAt(1000);

        // then
        assertThat(log.logStartOffset()).isEqualTo(1000);
        assertThat(log.logEndOffset()).isEqualTo(1000);
        assertThat(log.highWatermark()).isEqualTo(1000);
        assertThat(log.latestEpoch()).isEqualTo(-1);
        assertThat(liveSegmentFiles()).singleElement().satisfies(p ->
                assertThat(p.getFileName().toString()).isEqualTo("00000000000000001000.log"));
        assertThat(log.appendAsLeader(batch(START_MS, "x"), 9).firstOffset()).isEqualTo(1000);

        // and a restart keeps it
        reopen();
        assertThat(log.logStartOffset()).isEqualTo(1000);
        assertThat(log.logEndOffset()).isEqualTo(1001);
    }

    @Test
    void fullTruncationToTheSameBaseOffsetReplacesTheSegment() {
        // given
        appendValues(5, 100);

        // when
        log.truncateFullyAndStartAt(0);

        // then
        assertThat(log.logEndOffset()).isZero();
        assertThat(readAllValues(log)).isEmpty();
        assertThat(log.appendAsLeader(batch(START_MS, "x"), 1).firstOffset()).isZero();
    }

    @Test
    void aCleanRestartAfterTruncationRecoversTheSameState() {
        // given
        appendValues(40, 10);
        log.appendAsLeader(transactional(PID, EPOCH, 0, "t"), 4); // 40
        log.appendTxnMarker(PID, EPOCH, 2, false, 4);             // 41
        log.truncateTo(41);
        log.updateHighWatermark(log.logEndOffset());
        List<String> values = readAllValues(log);

        // when
        reopen();

        // then
        assertThat(log.logEndOffset()).isEqualTo(41);
        assertThat(readAllValues(log)).isEqualTo(values);
        assertThat(log.endOffsetForEpoch(3)).isEqualTo(new EpochEndOffset(3, 30));
        assertThat(log.endOffsetForEpoch(4)).isEqualTo(new EpochEndOffset(4, 41));
        assertThat(log.lastStableOffset()).isEqualTo(40);
        assertThat(log.abortedTransactions(0, 41)).isEmpty();
    }

    @Test
    void anUncleanRestartAfterTruncationRecoversTheSameState() throws IOException {
        // given
        appendValues(50, 20);
        log.truncateTo(33);
        List<String> values = readAllValues(log);

        // when
        reopenUnclean();

        // then
        assertThat(log.logEndOffset()).isEqualTo(33);
        assertThat(readAllValues(log)).isEqualTo(values);
        assertThat(log.latestEpoch()).isEqualTo(2);
        assertThat(log.appendAsLeader(batch(START_MS, "next"), 3).firstOffset()).isEqualTo(33);
    }

    @Test
    void aFollowerTruncatesToTheDivergencePointAndCatchesUpWithTheNewLeader() {
        // given a follower that has the old leader's uncommitted tail
        try (LogFixture leaderFixture = new LogFixture(dir.resolve("leader"))) {
            PartitionLog leader = leaderFixture.log(SMALL_SEGMENTS);
            for (int i = 0; i < 10; i++) leader.appendAsLeader(batch(START_MS, "c" + i), 1);
            log.appendAsFollower(fetchAll(leader, 0));
            for (int i = 0; i < 3; i++) log.appendAsLeader(batch(START_MS, "lost" + i), 1);
            leader.assignEpochStartOffset(2, leader.logEndOffset());
            for (int i = 0; i < 5; i++) leader.appendAsLeader(batch(START_MS, "n" + i), 2);
            leader.updateHighWatermark(leader.logEndOffset());

            // when
            EpochEndOffset divergence = leader.endOffsetForEpoch(log.latestEpoch());
            log.truncateTo(divergence.endOffset());
            log.appendAsFollower(fetchAll(leader, log.logEndOffset()));
            log.setHighWatermark(leader.highWatermark());

            // then
            assertThat(readAllValues(log)).isEqualTo(readAllValues(leader)).hasSize(15);
            assertThat(log.endOffsetForEpoch(1)).isEqualTo(leader.endOffsetForEpoch(1));
        }
    }
}
