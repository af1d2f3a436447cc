package io.tributary.console.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A group's total lag on the list page: known only when every committed partition's end offset is. */
class GroupListTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void sumsEndMinusCommittedOverTheCommittedPartitions() {
        Long lag = GroupList.totalLag(Map.of(P0, new OffsetAndMetadata(40), P1, new OffsetAndMetadata(10)),
                Map.of(P0, 100L, P1, 10L));

        assertThat(lag).isEqualTo(60);
    }

    @Test
    void aCommitBeyondTheEndCountsAsNoLag() {
        // e.g. the log was truncated after an unclean election
        assertThat(GroupList.totalLag(Map.of(P0, new OffsetAndMetadata(120)), Map.of(P0, 100L))).isZero();
    }

    @Test
    void unknownWithoutCommitsOrWithAMissingEndOffset() {
        assertThat(GroupList.totalLag(null, Map.of())).isNull();
        assertThat(GroupList.totalLag(Map.of(), Map.of())).isNull();
        assertThat(GroupList.totalLag(Map.of(P0, new OffsetAndMetadata(1), P1, new OffsetAndMetadata(1)),
                Map.of(P0, 5L))).isNull();
        assertThat(GroupList.totalLag(Map.of(P0, new OffsetAndMetadata(1)), Map.of(P0, -1L))).isNull();
    }

    @Test
    void aShareGroupsLagIsTheBrokersOwn() {
        assertThat(GroupList.shareLag(Map.of(P0, new SharePartitionOffsetInfo(5, Optional.empty(), Optional.of(3L)),
                P1, new SharePartitionOffsetInfo(0, Optional.empty(), Optional.of(4L))))).isEqualTo(7);
        assertThat(GroupList.shareLag(Map.of(P0, new SharePartitionOffsetInfo(5, Optional.empty(),
                Optional.empty())))).isNull();
        assertThat(GroupList.shareLag(Map.of())).isNull();
    }
}
