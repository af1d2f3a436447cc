package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendTallyTest {

    @Test
    void recordsTheLatencyOfMeasuredSendsOnly() {
        // given
        SendTally tally = new SendTally();

        // when
        tally.onSent(false);
        tally.onCompleted(false, 0, 500_000_000L, null); // a slow warm-up send
        for (int i = 0; i < 100; i++) {
            tally.onSent(true);
            tally.onCompleted(true, 1_000_000L * i, 1_000_000L * i + 2_000_000L, null);
        }

        // then
        assertThat(tally.sent()).isEqualTo(101);
        assertThat(tally.measuredSent()).isEqualTo(100);
        assertThat(tally.acked()).isEqualTo(101);
        assertThat(tally.measured()).isEqualTo(100);
        assertThat(tally.percentileMs(99.0)).isBetween(1.99, 2.01);
        assertThat(tally.maxMs()).isBetween(1.99, 2.01);
        assertThat(tally.unanswered()).isZero();
    }

    @Test
    void countsFailuresAndSendsNeverAnswered() {
        // given
        SendTally tally = new SendTally();
        IllegalStateException failure = new IllegalStateException("timed out");

        // when
        for (int i = 0; i < 5; i++) tally.onSent(true);
        tally.onCompleted(true, 0, 10, null);
        tally.onCompleted(true, 0, 10, failure);
        tally.onCompleted(true, 0, 10, new IllegalStateException("later"));

        // then
        assertThat(tally.failed()).isEqualTo(2);
        assertThat(tally.firstFailure()).isSameAs(failure);
        assertThat(tally.unanswered()).isEqualTo(2);
        assertThat(tally.measured()).isEqualTo(1);
    }

    @Test
    void keepsTheLongestLatencyAndTheAcknowledgementsPerSecondOfSending() {
        // given: sending starts at 10 s and lasts 3 s
        SendTally tally = new SendTally(10_000_000_000L, 3);

        // when
        tally.onCompleted(false, 10_100_000_000L, 10_101_000_000L, null);
        tally.onCompleted(true, 11_200_000_000L, 13_100_000_000L, null); // a 1.9 s stall
        tally.onCompleted(true, 11_900_000_000L, 11_902_000_000L, null);
        tally.onCompleted(true, 11_950_000_000L, 11_960_000_000L, new IllegalStateException("failed"));
        tally.onCompleted(true, 15_000_000_000L, 15_003_000_000L, null); // late: counted in the last second

        // then
        assertThat(tally.seriesCsv()).isEqualTo("seconds,active_max_ms,acked_records_per_s\n"
                + "0,1.000,1\n1,1900.000,2\n2,0.000,0\n3,3.000,1\n");
    }
}
