package io.tributary.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplicationQuotaTest {

    @Test
    void unboundedUntilARateIsSetThenExceededOnceMoreThanTheRateWasRecorded() {
        try (ReplicationQuota quota = new ReplicationQuota("Leader")) {
            // given nothing set: Kafka's default of Long.MAX_VALUE bytes per second
            quota.record(100_000_000);
            assertThat(quota.isQuotaExceeded()).isFalse();

            // when a bound of 1 MB/s is set and 3 MB more are recorded within the first window
            quota.setBytesPerSecond(1_000_000);
            quota.record(3_000_000);

            // then the quota is exceeded, until the bound is lifted again
            assertThat(quota.isQuotaExceeded()).isTrue();
            quota.setBytesPerSecond(Long.MAX_VALUE);
            assertThat(quota.isQuotaExceeded()).isFalse();
        }
    }

    @Test
    void throttledPartitionsAreThoseListedOrEveryOneOfAWildcardTopic() {
        try (ReplicationQuota quota = new ReplicationQuota("Follower")) {
            quota.setThrottled(Map.of("some", Set.of(0, 2), "all", ReplicationQuota.ALL_PARTITIONS));

            assertThat(quota.isThrottled(new TopicPartition("some", 0))).isTrue();
            assertThat(quota.isThrottled(new TopicPartition("some", 1))).isFalse();
            assertThat(quota.isThrottled(new TopicPartition("all", 7))).isTrue();
            assertThat(quota.isThrottled(new TopicPartition("other", 0))).isFalse();
        }
    }
}
