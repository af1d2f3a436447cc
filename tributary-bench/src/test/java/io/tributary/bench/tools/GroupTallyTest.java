package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupTallyTest {

    @Test
    void aGroupThatReadEveryPartitionOnceToItsEndIsComplete() {
        // given
        GroupTally tally = new GroupTally("g", Map.of(0, 2L, 1, 1L, 2, 0L));

        // when
        tally.onRecord(0, 0, 1024);
        tally.onRecord(1, 0, 1024);
        assertThat(tally.complete()).isFalse();
        tally.onRecord(0, 1, 1000);

        // then
        assertThat(tally.complete()).isTrue();
        assertThat(tally.records()).isEqualTo(3);
        assertThat(tally.bytes()).isEqualTo(3048);
        assertThat(tally.verdict(3)).isNull();
    }

    @Test
    void aRecordReadTwiceIsCountedAndReported() {
        // given
        GroupTally tally = new GroupTally("g", Map.of(0, 2L));

        // when
        tally.onRecord(0, 0, 1);
        tally.onRecord(0, 0, 1);
        tally.onRecord(0, 1, 1);

        // then
        assertThat(tally.complete()).isTrue();
        assertThat(tally.verdict(2)).contains("g:", "offset 0 read again", "read 3 records, expected 2");
    }

    @Test
    void skippedOffsetsAndAMissingEndAreReported() {
        // given
        GroupTally tally = new GroupTally("g", Map.of(0, 5L, 1, 3L));

        // when
        tally.onRecord(0, 0, 1);
        tally.onRecord(0, 3, 1);
        tally.onRecord(0, 4, 1);

        // then
        assertThat(tally.verdict(8)).contains("offsets 1..2 skipped", "did not reach the end",
                "read 3 records, expected 8");
    }

    @Test
    void aFailureIsAProblemEvenWithTheRightCount() {
        // given
        GroupTally tally = new GroupTally("g", Map.of(0, 1L));
        tally.onRecord(0, 0, 1);

        // when
        tally.failed(new IllegalStateException("boom"));

        // then
        assertThat(tally.verdict(1)).contains("failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void keepsOnlyTheFirstProblemsAndCountsTheRest() {
        // given
        GroupTally tally = new GroupTally("g", Map.of(0, 1L));

        // when
        for (int i = 0; i < 10; i++) tally.onRecord(7, i, 1);

        // then
        assertThat(tally.verdict(0)).contains("unknown partition 7", "and 5 more");
    }
}
