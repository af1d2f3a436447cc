package io.tributary.bench.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.LogConfig;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.junit.jupiter.api.Test;

class RecordBatchesTest {

    @Test
    void aResetBatchCanBeAppendedAgainAndAgain() {
        // given
        MemoryRecords batch = RecordBatches.batch(16, 1024, 1L);

        try (TempLog tempLog = TempLog.open(LogConfig.defaults())) {
            // when
            AppendResult first = tempLog.log().appendAsLeader(RecordBatches.resetForReuse(batch), 0);
            AppendResult second = tempLog.log().appendAsLeader(RecordBatches.resetForReuse(batch), 0);

            // then
            assertThat(first.firstOffset()).isZero();
            assertThat(second.firstOffset()).isEqualTo(16);
            assertThat(second.lastOffset()).isEqualTo(31);
            assertThat(tempLog.log().logEndOffset()).isEqualTo(32);
        }
    }
}
