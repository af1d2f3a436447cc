package io.tributary.storage;

import static io.tributary.storage.LogFixture.START_MS;
import static io.tributary.storage.LogFixture.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.LogConfig;
import java.nio.file.Path;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leader epochs at the log end: an epoch led without a write, and a leader that was overtaken. */
class EpochBoundaryTest {

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.builder().build());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void truncatingToTheLogEndDropsAnEpochThatWroteNothing() {
        // given records of epoch 1, then epoch 2 led here without a single write
        log.appendAsLeader(batch(START_MS, "a"), 1);
        log.appendAsLeader(batch(START_MS, "b"), 1);
        log.assignEpochStartOffset(2, log.logEndOffset());
        assertThat(log.latestEpoch()).isEqualTo(2);

        // when the new leader says the logs agree up to the end of epoch 1, which is this log's end
        log.truncateTo(2);

        // then epoch 2 is gone, so the next fetch names epoch 1 and the follower can go on
        assertThat(log.latestEpoch()).isEqualTo(1);
        assertThat(log.logEndOffset()).isEqualTo(2);
    }

    @Test
    void aLeaderWhoseEpochTheLogHasPassedCannotAppend() {
        // given a log that has moved on to epoch 6 (this replica now follows a newer leader)
        log.appendAsLeader(batch(START_MS, "a"), 5);
        log.assignEpochStartOffset(6, log.logEndOffset());

        // when a produce that still holds epoch 5 tries to append, then it is refused and nothing is written
        assertThatThrownBy(() -> log.appendAsLeader(batch(START_MS, "late"), 5))
                .isInstanceOf(NotLeaderOrFollowerException.class);
        assertThatThrownBy(() -> log.appendTxnMarker(1L, (short) 0, 0, true, 5))
                .isInstanceOf(NotLeaderOrFollowerException.class);
        assertThat(log.logEndOffset()).isEqualTo(1);
    }
}
