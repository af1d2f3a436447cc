package io.tributary.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerTopicStatsTest {

    @Test
    void totalsCountEveryTopicAndLeaveFollowerBytesOut() {
        // given
        BrokerTopicStats stats = BrokerTopicStats.detached();

        // when
        stats.appended(stats.topic("orders"), 1_000, 10);
        stats.appended(stats.topic("payments"), 500, 2);
        stats.fetched(stats.topic("orders"), 700, false);
        stats.fetched(stats.topic("orders"), 300, true);
        stats.followerFetched(stats.topic("orders"), 900, false);

        // then
        assertThat(stats.totalBytesIn()).isEqualTo(1_500);
        assertThat(stats.totalMessagesIn()).isEqualTo(12);
        assertThat(stats.totalBytesOut()).as("failed fetches and followers' bytes are not bytes out").isEqualTo(700);
    }
}
