package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.GroupCoordinatorTestContext.context;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.errorOf;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.partition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class OffsetCommitFetchTest {

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().topic("orders", 3).build();

    @Test
    void simpleCommitIsFetchedBackWithItsMetadata() {
        // given
        assertThat(errorOf(ctx.commit("g", "", -1, "orders", 1, 42L, "checkpoint"))).isEqualTo(Errors.NONE.code());

        // when
        OffsetFetchResponseData.OffsetFetchResponseGroup fetched = ctx.fetch("g", "orders", 0, 1);

        // then
        assertThat(fetched.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(partition(fetched, 0).committedOffset()).isEqualTo(-1L);
        assertThat(partition(fetched, 0).metadata()).isEmpty();
        assertThat(partition(fetched, 1).committedOffset()).isEqualTo(42L);
        assertThat(partition(fetched, 1).committedLeaderEpoch()).isEqualTo(3);
        assertThat(partition(fetched, 1).metadata()).isEqualTo("checkpoint");
    }

    @Test
    void fetchOfAllTopicsReturnsEveryCommittedPartition() {
        // given
        ctx.simpleCommit("g", "orders", 0, 5);
        ctx.simpleCommit("g", "orders", 2, 7);

        // when
        OffsetFetchResponseData.OffsetFetchResponseGroup fetched = ctx.fetch("g", null);

        // then
        assertThat(fetched.topics()).hasSize(1);
        assertThat(fetched.topics().get(0).partitions())
                .extracting(OffsetFetchResponseData.OffsetFetchResponsePartitions::partitionIndex,
                        OffsetFetchResponseData.OffsetFetchResponsePartitions::committedOffset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 5L), org.assertj.core.groups.Tuple.tuple(2, 7L));
    }

    @Test
    void unknownGroupFetchesNothingWithoutError() {
        // when
        OffsetFetchResponseData.OffsetFetchResponseGroup all = ctx.fetch("nobody", null);
        OffsetFetchResponseData.OffsetFetchResponseGroup some = ctx.fetch("nobody", "orders", 0);

        // then
        assertThat(all.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(all.topics()).isEmpty();
        assertThat(partition(some, 0).committedOffset()).isEqualTo(-1L);
        assertThat(partition(some, 0).errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void commitsToUnknownPartitionsOrWithTooMuchMetadataFailPerPartition() {
        // when
        OffsetCommitResponseData unknownTopic = ctx.commit("g", "", -1, "missing", 0, 1, "");
        OffsetCommitResponseData unknownPartition = ctx.commit("g", "", -1, "orders", 3, 1, "");
        OffsetCommitResponseData tooLarge = ctx.commit("g", "", -1, "orders", 0, 1, "x".repeat(4097));

        // then
        assertThat(errorOf(unknownTopic)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(errorOf(unknownPartition)).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(errorOf(tooLarge)).isEqualTo(Errors.OFFSET_METADATA_TOO_LARGE.code());
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
    }

    @Test
    void memberCommitsAreValidatedAgainstTheGroup() {
        // given a stable group of one member in generation 1
        JoinGroupResponseData joined = ctx.joinNewMember("g").join();
        String member = joined.memberId();
        ctx.sync("g", member, joined.generationId(), List.of()).join();

        // when / then
        assertThat(errorOf(ctx.commit("g", member, 1, "orders", 0, 10, ""))).isEqualTo(Errors.NONE.code());
        assertThat(errorOf(ctx.commit("g", member, 2, "orders", 0, 10, "")))
                .isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(errorOf(ctx.commit("g", "stranger", 1, "orders", 0, 10, "")))
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(errorOf(ctx.commit("g", "", -1, "orders", 0, 10, "")))
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void memberCommitToAGroupThatDoesNotExistIsToldInTheVersionsTerms() {
        // when / then: OffsetCommit v9 introduced GROUP_ID_NOT_FOUND here; older clients know ILLEGAL_GENERATION
        assertThat(errorOf(ctx.commit((short) 9, "other", "m", 4, "orders", 0, 10, "")))
                .isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(errorOf(ctx.commit((short) 8, "other", "m", 4, "orders", 0, 10, "")))
                .isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(partition(ctx.fetch("other", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
    }

    @Test
    void commitDuringCompletingRebalanceAsksToFinishTheRebalance() {
        // given a member that joined but did not sync yet
        JoinGroupResponseData joined = ctx.joinNewMember("g").join();

        // when
        OffsetCommitResponseData response = ctx.commit("g", joined.memberId(), joined.generationId(), "orders", 0,
                1, "");

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
    }

    @Test
    void offsetsAndSimpleGroupsSurviveAReload() {
        // given
        ctx.simpleCommit("g", "orders", 1, 99);
        ctx.commit("g", "", -1, "orders", 2, 100, null);

        // when a new service replays the same logs
        ctx.restart();

        // then
        OffsetFetchResponseData.OffsetFetchResponseGroup fetched = ctx.fetch("g", "orders", 1, 2);
        assertThat(partition(fetched, 0).committedOffset()).isEqualTo(99L);
        assertThat(partition(fetched, 0).metadata()).isEqualTo("meta-99");
        assertThat(partition(fetched, 1).committedOffset()).isEqualTo(100L);
        assertThat(partition(fetched, 1).metadata()).isEmpty();
        assertThat(ctx.service.describeGroups(context((short) 5), List.of("g")).join().get(0).groupState())
                .isEqualTo("Empty");
    }

    @Test
    void topicIdsIdentifyTopicsFromVersion10() {
        // given
        Uuid orders = ctx.topics.topicId("orders").orElseThrow();
        Uuid unknown = Uuid.randomUuid();
        OffsetCommitRequestData request = new OffsetCommitRequestData().setGroupId("g")
                .setGenerationIdOrMemberEpoch(-1).setTopics(List.of(
                        new OffsetCommitRequestData.OffsetCommitRequestTopic().setTopicId(orders).setPartitions(
                                List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                        .setPartitionIndex(0).setCommittedOffset(8))),
                        new OffsetCommitRequestData.OffsetCommitRequestTopic().setTopicId(unknown).setPartitions(
                                List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                        .setPartitionIndex(0).setCommittedOffset(8)))));

        // when
        OffsetCommitResponseData committed = ctx.service.commitOffsets(context((short) 10), request).join();
        OffsetFetchResponseData.OffsetFetchResponseGroup fetched = ctx.service.fetchOffsets(context((short) 10),
                new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("g").setTopics(List.of(
                        new OffsetFetchRequestData.OffsetFetchRequestTopics().setTopicId(orders)
                                .setPartitionIndexes(List.of(0)))), false).join();

        // then
        assertThat(committed.topics().get(0).topicId()).isEqualTo(orders);
        assertThat(committed.topics().get(0).partitions().get(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(committed.topics().get(1).partitions().get(0).errorCode())
                .isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        assertThat(fetched.topics().get(0).topicId()).isEqualTo(orders);
        assertThat(partition(fetched, 0).committedOffset()).isEqualTo(8L);
    }

    @Test
    void failedAppendLeavesTheStateUntouchedAndAnswersNotCoordinator() {
        // given
        ctx.logOf("g").failNextAppend(new NotLeaderOrFollowerException("moved"));

        // when
        OffsetCommitResponseData response = ctx.simpleCommit("g", "orders", 0, 1);

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.NOT_COORDINATOR.code());
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(-1L);
        assertThat(ctx.service.describeGroups(context((short) 5), List.of("g")).join().get(0).groupState())
                .isEqualTo("Dead");
    }

    @Test
    void anOffsetCommitTheLogAcceptedButNeverCommittedIsRolledBack() {
        // given a committed offset, then a commit the log accepts but holds
        ctx.simpleCommit("g", "orders", 0, 1);
        ctx.logOf("g").holdCommits();
        CompletableFuture<OffsetCommitResponseData> pending = ctx.service.commitOffsets(
                context((short) 8), new OffsetCommitRequestData().setGroupId("g").setTopics(List.of(
                        new OffsetCommitRequestData.OffsetCommitRequestTopic().setName("orders").setPartitions(
                                List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                        .setPartitionIndex(0).setCommittedOffset(7))))));
        assertThat(pending).isNotDone();

        // when the log loses it (a new leader truncated it)
        ctx.logOf("g").failHeld(new NotLeaderOrFollowerException("moved"));

        // then the caller hears so, and the coordinator shows what the log holds: the earlier offset
        assertThat(errorOf(pending.join())).isEqualTo(Errors.NOT_COORDINATOR.code());
        assertThat(partition(ctx.fetch("g", "orders", 0), 0).committedOffset()).isEqualTo(1L);
    }

    @Test
    void partitionsNotLedHereAnswerNotCoordinator() {
        // given
        ctx.service.onResignation(ctx.service.partitionFor("g"));

        // when / then
        assertThat(errorOf(ctx.simpleCommit("g", "orders", 0, 1))).isEqualTo(Errors.NOT_COORDINATOR.code());
        assertThat(ctx.fetch("g", "orders", 0).errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());
        assertThat(ctx.service.isActive(ctx.service.partitionFor("g"))).isFalse();
    }
}
