package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static io.tributary.storage.LogFixture.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {

    private static final long PID = 2000L;
    private static final long OTHER_PID = 3000L;
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

    static MemoryRecords transactional(long producerId, short epoch, int baseSequence, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(START_MS, ("k" + values[i]).getBytes(StandardCharsets.UTF_8),
                    values[i].getBytes(StandardCharsets.UTF_8));
        }
        return MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, epoch, baseSequence, records);
    }

    private AppendResult append(MemoryRecords records) {
        AppendResult result = log.appendAsLeader(records, 0);
        log.updateHighWatermark(log.logEndOffset());
        return result;
    }

    private AppendResult marker(long producerId, boolean commit) {
        AppendResult result = log.appendTxnMarker(producerId, EPOCH, 5, commit, 0);
        log.updateHighWatermark(log.logEndOffset());
        return result;
    }

    private static List<Long> producerIds(List<AbortedTransaction> aborted) {
        return aborted.stream().map(AbortedTransaction::producerId).toList();
    }

    @Test
    void transactionalAppendsKeepTheLastStableOffsetAtTheFirstOpenOffset() {
        // given
        append(batch(START_MS, "plain"));
        append(transactional(PID, EPOCH, 0, "a", "b"));
        append(batch(START_MS, "plain2"));

        // when
        append(transactional(PID, EPOCH, 2, "c"));

        // then
        assertThat(log.highWatermark()).isEqualTo(5);
        assertThat(log.lastStableOffset()).isEqualTo(1);
        assertThat(log.activeProducers()).singleElement().satisfies(p -> {
            assertThat(p.currentTxnStartOffset()).isEqualTo(1);
            assertThat(p.coordinatorEpoch()).isEqualTo(-1);
            assertThat(p.lastSequence()).isEqualTo(2);
        });
    }

    @Test
    void aCommitMarkerIsAControlBatchAndAdvancesTheLastStableOffset() {
        // given
        append(transactional(PID, EPOCH, 0, "a", "b"));

        // when
        AppendResult result = log.appendTxnMarker(PID, EPOCH, 5, true, 0);

        // then
        assertThat(result.firstOffset()).isEqualTo(2).isEqualTo(result.lastOffset());
        assertThat(log.lastStableOffset()).isEqualTo(2); // capped at the high watermark until it moves
        log.updateHighWatermark(log.logEndOffset());
        assertThat(log.lastStableOffset()).isEqualTo(3);
        RecordBatch markerBatch = log.read(2, 1024, 3, true).records().batches().iterator().next();
        assertThat(markerBatch.isControlBatch()).isTrue();
        assertThat(markerBatch.isTransactional()).isTrue();
        assertThat(EndTransactionMarker.deserialize(markerBatch.iterator().next()).controlType())
                .isEqualTo(ControlRecordType.COMMIT);
        assertThat(log.abortedTransactions(0, 3)).isEmpty();
        assertThat(log.activeProducers()).singleElement().satisfies(p -> {
            assertThat(p.currentTxnStartOffset()).isEqualTo(-1);
            assertThat(p.coordinatorEpoch()).isEqualTo(5);
        });
    }

    @Test
    void theLastStableOffsetFollowsTheEarliestOpenTransactionOfAnyProducer() {
        // given
        append(transactional(PID, EPOCH, 0, "a"));
        append(transactional(OTHER_PID, EPOCH, 0, "b"));
        assertThat(log.lastStableOffset()).isZero();

        // when
        marker(PID, true);

        // then
        assertThat(log.lastStableOffset()).isEqualTo(1);
        marker(OTHER_PID, false);
        assertThat(log.lastStableOffset()).isEqualTo(log.logEndOffset()).isEqualTo(4);
    }

    @Test
    void anAbortIsIndexedAndReturnedOnlyForOverlappingRanges() throws Exception {
        // given
        append(batch(START_MS, "plain"));                    // 0
        append(transactional(PID, EPOCH, 0, "a", "b"));      // 1-2
        append(transactional(OTHER_PID, EPOCH, 0, "c"));     // 3

        // when
        marker(PID, false);                                  // 4

        // then
        assertThat(producerIds(log.abortedTransactions(0, 10))).containsExactly(PID);
        assertThat(log.abortedTransactions(0, 10).get(0).firstOffset()).isEqualTo(1);
        assertThat(producerIds(log.abortedTransactions(2, 3))).containsExactly(PID);
        assertThat(log.abortedTransactions(0, 1)).isEmpty();  // ends before the transaction starts
        assertThat(log.abortedTransactions(5, 10)).isEmpty(); // starts after its marker
        assertThat(log.lastStableOffset()).isEqualTo(3);
        // Kafka's layout: version(2) pid(8) first(8) last(8) lastStable(8)
        java.nio.ByteBuffer entry = java.nio.ByteBuffer.wrap(Files.readAllBytes(
                dir.resolve("orders-0").resolve("00000000000000000000.txnindex")));
        assertThat(entry.remaining()).isEqualTo(34);
        assertThat(entry.getShort()).isZero();
        assertThat(new long[] {entry.getLong(), entry.getLong(), entry.getLong(), entry.getLong()})
                .containsExactly(PID, 1, 4, 3);
    }

    @Test
    void olderEpochsAreFenced() {
        // given
        append(transactional(PID, (short) 3, 0, "a"));

        // then
        assertThatThrownBy(() -> log.appendAsLeader(transactional(PID, (short) 2, 1, "b"), 0))
                .isInstanceOf(InvalidProducerEpochException.class);
        assertThatThrownBy(() -> log.appendTxnMarker(PID, (short) 2, 5, true, 0))
                .isInstanceOf(ProducerFencedException.class);
        log.appendTxnMarker(PID, (short) 4, 5, false, 0); // the coordinator's abort with a bumped epoch
        assertThatThrownBy(() -> log.appendTxnMarker(PID, (short) 4, 4, true, 0))
                .isInstanceOf(TransactionCoordinatorFencedException.class);
        assertThatThrownBy(() -> log.appendAsLeader(transactional(PID, (short) 3, 1, "c"), 0))
                .isInstanceOf(InvalidProducerEpochException.class);
        assertThat(log.logEndOffset()).isEqualTo(2);
    }

    @Test
    void aNonTransactionalBatchDuringAnOpenTransactionIsRefused() {
        // given
        append(transactional(PID, EPOCH, 0, "a"));

        // when / then
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(PID, EPOCH, 1, "b"), 0))
                .isInstanceOf(InvalidTxnStateException.class);
        marker(PID, true);
        assertThat(append(idempotent(PID, EPOCH, 1, "b")).firstOffset()).isEqualTo(2);
    }

    @Test
    void openTransactionsAndTheIndexSurviveACleanRestart() {
        // given
        append(transactional(PID, EPOCH, 0, "a"));       // 0
        marker(PID, false);                              // 1
        append(transactional(OTHER_PID, EPOCH, 0, "b")); // 2

        // when
        fixture.restart();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(reopened.lastStableOffset()).isEqualTo(2);
        assertThat(producerIds(reopened.abortedTransactions(0, 3))).containsExactly(PID);
        assertThat(reopened.activeProducers()).anySatisfy(p -> {
            assertThat(p.producerId()).isEqualTo(OTHER_PID);
            assertThat(p.currentTxnStartOffset()).isEqualTo(2);
        });
        reopened.appendTxnMarker(OTHER_PID, EPOCH, 5, true, 0);
        reopened.updateHighWatermark(reopened.logEndOffset());
        assertThat(reopened.lastStableOffset()).isEqualTo(4);
    }

    @Test
    void openTransactionsAndTheIndexAreRebuiltAfterAnUncleanStop() throws Exception {
        // given
        append(transactional(PID, EPOCH, 0, "a"));       // 0
        marker(PID, false);                              // 1
        append(transactional(OTHER_PID, EPOCH, 0, "b")); // 2
        fixture.manager.close();
        Files.delete(dir.resolve(".kafka_cleanshutdown"));
        Files.delete(dir.resolve("recovery-point-offset-checkpoint"));
        try (var files = Files.list(dir.resolve("orders-0"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".snapshot") || p.toString().endsWith(".txnindex"))
                    .toList()) Files.delete(p);
        }

        // when
        fixture.start();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(reopened.lastStableOffset()).isEqualTo(2);
        assertThat(producerIds(reopened.abortedTransactions(0, 3))).containsExactly(PID);
        assertThat(dir.resolve("orders-0").resolve("00000000000000000000.txnindex")).exists();
        assertThatThrownBy(() -> reopened.appendAsLeader(idempotent(OTHER_PID, EPOCH, 1, "c"), 0))
                .isInstanceOf(InvalidTxnStateException.class);
    }

    @Test
    void aTornAbortMarkerIsDroppedWithItsIndexEntryAndTheTransactionIsOpenAgain() throws Exception {
        // given
        append(transactional(PID, EPOCH, 0, "a")); // 0
        marker(PID, false);                        // 1
        fixture.manager.close();
        Path segment = dir.resolve("orders-0").resolve("00000000000000000000.log");
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(segment.toFile(), "rw")) {
            raf.setLength(raf.length() - 3);
        }
        Files.delete(dir.resolve(".kafka_cleanshutdown"));
        Files.delete(dir.resolve("recovery-point-offset-checkpoint"));

        // when
        fixture.start();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(reopened.logEndOffset()).isEqualTo(1);
        assertThat(reopened.lastStableOffset()).isZero();
        assertThat(reopened.abortedTransactions(0, 1)).isEmpty();
        reopened.appendTxnMarker(PID, EPOCH, 5, false, 0);
        assertThat(producerIds(reopened.abortedTransactions(0, 2))).containsExactly(PID);
    }

    @Test
    void retentionDeletesASegmentTogetherWithItsTransactionIndex() {
        // given
        fixture.manager.updateConfig(LogFixture.TP, LogConfig.builder().segmentBytes(512).fileDeleteDelayMs(0).build());
        append(transactional(PID, EPOCH, 0, "a"));
        marker(PID, false);
        Path txnIndex = dir.resolve("orders-0").resolve("00000000000000000000.txnindex");
        assertThat(txnIndex).exists();
        for (int i = 0; i < 20; i++) append(batch(START_MS, "v" + i));
        assertThat(log.numberOfSegments()).isGreaterThan(1);

        // when
        log.deleteRecordsBefore(log.highWatermark());

        // then
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            assertThat(txnIndex).doesNotExist();
            assertThat(txnIndex.resolveSibling("00000000000000000000.txnindex.deleted")).doesNotExist();
        });
        assertThat(log.abortedTransactions(log.logStartOffset(), log.logEndOffset())).isEmpty();
    }

    @Test
    void expirationSparesProducersWithAnOpenTransaction() {
        // given
        append(transactional(PID, EPOCH, 0, "a"));
        append(idempotent(OTHER_PID, EPOCH, 0, "b"));

        // when
        log.removeExpiredProducers(START_MS + 86_400_000L, 86_400_000L);

        // then
        assertThat(log.activeProducers()).singleElement().satisfies(p -> assertThat(p.producerId()).isEqualTo(PID));
    }
}
