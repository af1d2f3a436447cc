package io.tributary.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.group.service.GroupCoordinatorService;
import io.tributary.coordinator.runtime.InMemoryCoordinatorLog;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/** The production wiring: a real event thread and clock. */
class EventThreadServiceTest {

    @Test
    void commitAndFetchThroughTheEventThread() throws Exception {
        // given
        InMemoryTopics topics = new InMemoryTopics();
        topics.add("orders", 1);
        GroupCoordinatorConfig config = GroupCoordinatorConfig.defaults();
        try (GroupCoordinatorService service = new GroupCoordinatorService(config, topics, Time.SYSTEM)) {
            int partition = service.partitionFor("g");
            service.onElection(partition, new InMemoryCoordinatorLog());

            // when
            OffsetCommitResponseData committed = service.commitOffsets(GroupCoordinatorTestContext.context((short) 9),
                    new OffsetCommitRequestData().setGroupId("g").setGenerationIdOrMemberEpoch(-1).setTopics(List.of(
                            new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("orders").setPartitions(
                                    List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                            .setPartitionIndex(0).setCommittedOffset(12))))))
                    .get(5, TimeUnit.SECONDS);
            OffsetFetchResponseData.OffsetFetchResponseGroup fetched = service.fetchOffsets(
                    GroupCoordinatorTestContext.context((short) 9),
                    new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("g").setTopics(null), false)
                    .get(5, TimeUnit.SECONDS);

            // then
            assertThat(service.isActive(partition)).isTrue();
            assertThat(service.isActive((partition + 1) % config.offsetsTopicPartitions())).isFalse();
            assertThat(committed.topics().get(0).partitions().get(0).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(fetched.topics().get(0).partitions().get(0).committedOffset()).isEqualTo(12L);
        }
    }
}
