package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadableTrackerTest {

    @Test
    void aPartitionIsReadableOnceLeaderLatestOffsetAndItsLastRecordAreThere() {
        // given
        ReadableTracker tracker = new ReadableTracker(3);

        // when
        tracker.leader(0, true);
        tracker.leader(1, true);

        // then
        assertThat(tracker.allLeadersKnown()).isFalse();
        assertThat(tracker.needOffsets()).containsExactly(0, 1);

        // when
        tracker.latest(0, 100);
        tracker.latest(1, 0); // empty: nothing to fetch
        tracker.fetched(0, 98); // not the last record

        // then
        assertThat(tracker.needFetch()).containsExactly(0);
        assertThat(tracker.readable(0)).isFalse();
        assertThat(tracker.readable(1)).isTrue();

        // when
        tracker.fetched(0, 99);
        tracker.leader(2, true);
        tracker.latest(2, 50);
        tracker.fetched(2, 49);

        // then
        assertThat(tracker.allReadable()).isTrue();
        assertThat(tracker.latestSum()).isEqualTo(150);
    }

    @Test
    void aLatestOffsetThatMovedOnNeedsANewFetch() {
        // given
        ReadableTracker tracker = new ReadableTracker(1);
        tracker.leader(0, true);
        tracker.latest(0, 10);
        tracker.fetched(0, 9);

        // when
        tracker.latest(0, 10); // asked again, unchanged
        boolean stillReadable = tracker.readable(0);
        tracker.latest(0, 12);

        // then
        assertThat(stillReadable).isTrue();
        assertThat(tracker.readable(0)).isFalse();
        assertThat(tracker.needFetch()).containsExactly(0);
        assertThat(tracker.readableCount()).isZero();
    }

    @Test
    void aFetchBeforeTheLatestOffsetIsKnownProvesNothing() {
        // given
        ReadableTracker tracker = new ReadableTracker(1);
        tracker.leader(0, true);

        // when
        tracker.fetched(0, 5);
        tracker.latest(0, 7);

        // then
        assertThat(tracker.readable(0)).isFalse();
    }
}
