package io.tributary.storage;

import static io.tributary.storage.LogFixture.idempotent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.LogConfig;
import java.nio.file.Path;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdempotenceTest {

    private static final long PID = 1000L;

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

    @Test
    void aRetriedBatchIsNotAppendedAgainAndReportsTheOriginalOffsets() {
        // given
        log.appendAsLeader(LogFixture.batch(LogFixture.START_MS, "other"), 0);
        AppendResult original = log.appendAsLeader(idempotent(PID, (short) 0, 0, "a", "b"), 0);
        log.appendAsLeader(idempotent(PID, (short) 0, 2, "c"), 0);

        // when
        AppendResult retry = log.appendAsLeader(idempotent(PID, (short) 0, 0, "a", "b"), 0);

        // then
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(original.firstOffset()).isEqualTo(1);
        assertThat(retry.lastOffset()).isEqualTo(original.lastOffset()).isEqualTo(2);
        assertThat(log.logEndOffset()).isEqualTo(4);
    }

    @Test
    void gapsAndNonZeroFirstSequencesAreOutOfOrder() {
        // then
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(PID, (short) 0, 5, "a"), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        log.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0);
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(PID, (short) 0, 2, "c"), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.logEndOffset()).isEqualTo(1);
    }

    @Test
    void olderEpochsAreFencedAndANewEpochRestartsAtZero() {
        // given
        log.appendAsLeader(idempotent(PID, (short) 3, 0, "a", "b"), 0);

        // then
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(PID, (short) 2, 2, "c"), 0))
                .isInstanceOf(InvalidProducerEpochException.class);
        assertThatThrownBy(() -> log.appendAsLeader(idempotent(PID, (short) 4, 2, "c"), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(log.appendAsLeader(idempotent(PID, (short) 4, 0, "c"), 0).duplicate()).isFalse();
        assertThat(log.activeProducers()).singleElement().satisfies(p -> {
            assertThat(p.producerEpoch()).isEqualTo(4);
            assertThat(p.lastSequence()).isZero();
            assertThat(p.coordinatorEpoch()).isEqualTo(-1);
        });
    }

    @Test
    void sequencesWrapAfterIntegerMaxValue() {
        // given
        log.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0);
        // A batch whose sequence range wraps cannot be built directly; emulate the boundary with a new epoch.
        log.appendAsLeader(idempotent(PID, (short) 1, 0, "b"), 0);

        // then
        assertThat(log.activeProducers()).singleElement().satisfies(p -> assertThat(p.lastSequence()).isZero());
        assertThat(io.tributary.storage.producer.ProducerStateManagerAccess.inSequence(Integer.MAX_VALUE, 0)).isTrue();
        assertThat(io.tributary.storage.producer.ProducerStateManagerAccess.inSequence(Integer.MAX_VALUE, 1)).isFalse();
    }

    @Test
    void producerStateSurvivesACleanRestart() {
        // given
        log.appendAsLeader(idempotent(PID, (short) 0, 0, "a", "b"), 0);
        log.appendAsLeader(idempotent(PID, (short) 0, 2, "c"), 0);

        // when
        fixture.restart();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        AppendResult retry = reopened.appendAsLeader(idempotent(PID, (short) 0, 2, "c"), 0);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(2);
        assertThatThrownBy(() -> reopened.appendAsLeader(idempotent(PID, (short) 0, 7, "x"), 0))
                .isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(reopened.appendAsLeader(idempotent(PID, (short) 0, 3, "d"), 0).firstOffset()).isEqualTo(3);
    }

    @Test
    void producerStateIsRebuiltFromTheLogAfterAnUncleanStop() throws Exception {
        // given
        log.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0);
        fixture.manager.close();
        java.nio.file.Files.delete(dir.resolve(".kafka_cleanshutdown"));
        try (var snapshots = java.nio.file.Files.list(dir.resolve("orders-0"))) {
            for (Path p : snapshots.filter(p -> p.toString().endsWith(".snapshot")).toList()) java.nio.file.Files.delete(p);
        }

        // when
        fixture.start();
        PartitionLog reopened = fixture.manager.getLog(LogFixture.TP).orElseThrow();

        // then
        assertThat(reopened.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0).duplicate()).isTrue();
        assertThat(reopened.appendAsLeader(idempotent(PID, (short) 0, 1, "b"), 0).firstOffset()).isEqualTo(1);
    }

    @Test
    void producersExpireAfterTheConfiguredTime() {
        // given
        log.appendAsLeader(idempotent(PID, (short) 0, 0, "a"), 0);

        // when
        log.removeExpiredProducers(LogFixture.START_MS + 86_400_000L, 86_400_000L);

        // then
        assertThat(log.activeProducers()).isEmpty();
    }
}
