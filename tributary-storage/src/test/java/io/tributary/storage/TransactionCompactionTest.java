package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.keyed;
import static io.tributary.storage.TransactionTest.transactional;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.LogConfig;
import java.nio.file.Path;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionCompactionTest {

    private static final long PID = 2000L;

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.builder().cleanupPolicy("compact").segmentBytes(512).fileDeleteDelayMs(0).build());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void compactionKeepsTransactionalBatchesMarkersAndTheTransactionIndex() {
        // given
        log.appendAsLeader(transactional(PID, (short) 0, 0, "a0"), 0); // 0, key "ka0"
        log.appendTxnMarker(PID, (short) 0, 1, false, 0);             // 1
        for (int i = 0; i < 30; i++) log.appendAsLeader(keyed(START_MS, "ka0", "v" + i), 0);
        log.updateHighWatermark(log.logEndOffset());
        long sizeBefore = log.sizeInBytes();

        // when
        fixture.manager.runCleaner();

        // then
        assertThat(log.sizeInBytes()).isLessThan(sizeBefore);
        assertThat(LogFixture.readAllValues(log)).contains("0:a0").noneMatch(v -> v.equals("2:v0"));
        assertThat(log.abortedTransactions(0, log.logEndOffset())).extracting(AbortedTransaction::producerId)
                .containsExactly(PID);
        fixture.restart();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();
        assertThat(reopened.abortedTransactions(0, reopened.logEndOffset()))
                .extracting(AbortedTransaction::firstOffset).containsExactly(0L);
    }

    @Test
    void anInterruptedSwapKeepsTheNewTransactionIndex() throws Exception {
        // given: a crash after the cleaned files became .swap, before the old segment was replaced
        log.appendAsLeader(transactional(PID, (short) 0, 0, "a0"), 0);
        log.appendTxnMarker(PID, (short) 0, 1, false, 0);
        fixture.manager.close();
        Path partition = dir.resolve("orders-0");
        Path txnIndex = partition.resolve("00000000000000000000.txnindex");
        java.nio.file.Files.copy(partition.resolve("00000000000000000000.log"),
                partition.resolve("00000000000000000000.log.swap"));
        java.nio.file.Files.move(txnIndex, partition.resolve("00000000000000000000.txnindex.swap"));
        java.nio.file.Files.write(txnIndex, new byte[34]); // stands for the old segment's different index

        // when
        fixture.start();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(reopened.abortedTransactions(0, 2)).extracting(AbortedTransaction::producerId)
                .containsExactly(PID);
        assertThat(partition.resolve("00000000000000000000.txnindex.swap")).doesNotExist();
    }

    @Test
    void aSwapThatNeverCommittedLeavesTheLiveTransactionIndex() throws Exception {
        // given: a crash after the cleaned txn index became .swap but before the cleaned log did
        log.appendAsLeader(transactional(PID, (short) 0, 0, "a0"), 0);
        log.appendTxnMarker(PID, (short) 0, 1, false, 0);
        fixture.manager.close();
        Path partition = dir.resolve("orders-0");
        java.nio.file.Files.write(partition.resolve("00000000000000000000.txnindex.swap"), new byte[34]);

        // when
        fixture.start();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(reopened.abortedTransactions(0, 2)).extracting(AbortedTransaction::producerId)
                .containsExactly(PID);
        assertThat(partition.resolve("00000000000000000000.txnindex.swap")).doesNotExist();
    }
}
