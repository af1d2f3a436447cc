package io.tributary.coordinator.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.runtime.InMemoryCoordinatorLog;
import io.tributary.coordinator.runtime.ManualEventExecutor;
import io.tributary.coordinator.share.group.ShareGroupCoordinatorService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ShareGroupDescribeResponseData;
import org.apache.kafka.common.message.ShareGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ShareGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Share group membership: joining, the simple assignment, fencing, session expiry, reload, deletion. */
class ShareGroupCoordinatorServiceTest {

    private static final int SESSION_MS = 45_000;

    private final MockTime time = new MockTime();
    private final ManualEventExecutor executor = new ManualEventExecutor(time);
    private final Topics topics = new Topics();
    private final InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
    private ShareGroupCoordinatorService service;

    @BeforeEach
    void start() {
        service = new ShareGroupCoordinatorService(new ShareGroupConfig(1, SESSION_MS, 5000, 10, 200),
                ShareGroupSettings.NONE, topics, time, executor);
        service.onElection(0, log);
        topics.add("t", 3);
    }

    @Test
    void membersShareThePartitionsAndMoreMembersThanPartitionsStillAllGetOne() {
        ShareGroupHeartbeatResponseData first = join("g", "a");
        assertThat(first.errorCode()).isZero();
        assertThat(partitions(first)).containsExactlyInAnyOrder(0, 1, 2);

        Map<String, Integer> epochs = new HashMap<>(Map.of("a", first.memberEpoch()));
        for (String member : List.of("b", "c", "d")) {
            ShareGroupHeartbeatResponseData joined = join("g", member);
            assertThat(joined.errorCode()).isZero();
            epochs.put(member, joined.memberEpoch());
        }

        // each member takes the latest target at its next heartbeat
        Map<String, List<Integer>> assigned = new HashMap<>();
        epochs.forEach((member, epoch) -> {
            ShareGroupHeartbeatResponseData next = heartbeat("g", member, epoch, null);
            assertThat(next.errorCode()).isZero();
            if (next.assignment() != null) {
                assigned.put(member, partitions(next));
            }
        });
        assertThat(assigned.keySet()).contains("a", "b", "c"); // "d" joined last: already on the latest
        for (ShareGroupDescribeResponseData.Member member : describe("g").members()) {
            List<Integer> owned = new ArrayList<>();
            member.assignment().topicPartitions().forEach(tp -> owned.addAll(tp.partitions()));
            assertThat(owned).as(member.memberId()).hasSize(1);
            assigned.put(member.memberId(), owned);
        }
        assertThat(assigned.values().stream().flatMap(List::stream).distinct()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void fencingAndUnknownMembersAreRefusedAsKafkaDoes() {
        ShareGroupHeartbeatResponseData joined = join("g", "a");
        assertThat(heartbeat("g", "a", joined.memberEpoch() + 1, null).errorCode())
                .isEqualTo(Errors.FENCED_MEMBER_EPOCH.code());
        assertThat(heartbeat("g", "x", 1, null).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(heartbeat("nope", "a", 1, null).errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(heartbeat("g", "", 0, List.of("t")).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    }

    @Test
    void aSilentMemberLeavesAfterTheSessionTimeoutAndItsPartitionsMove() {
        ShareGroupHeartbeatResponseData a = join("g", "a");
        ShareGroupHeartbeatResponseData b = join("g", "b");
        executor.advance(SESSION_MS - 1000);
        ShareGroupHeartbeatResponseData stillA = heartbeat("g", "a", heartbeat("g", "a", a.memberEpoch(), null)
                .memberEpoch(), null);
        assertThat(stillA.errorCode()).isZero();
        executor.advance(2000);

        assertThat(describe("g").members()).extracting(ShareGroupDescribeResponseData.Member::memberId)
                .containsExactly("a");
        assertThat(heartbeat("g", "b", b.memberEpoch(), null).errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        ShareGroupHeartbeatResponseData moved = heartbeat("g", "a", stillA.memberEpoch(), null);
        assertThat(partitions(moved)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void groupsAndMembersComeBackWhenThePartitionIsLoadedAgain() {
        ShareGroupHeartbeatResponseData a = join("g", "a");
        service.onResignation(0);
        service.onElection(0, log);

        ShareGroupDescribeResponseData.DescribedGroup group = describe("g");
        assertThat(group.errorCode()).isZero();
        assertThat(group.groupEpoch()).isEqualTo(a.memberEpoch());
        assertThat(group.members()).extracting(ShareGroupDescribeResponseData.Member::memberId).containsExactly("a");
        assertThat(heartbeat("g", "a", a.memberEpoch(), null).errorCode()).isZero();
    }

    @Test
    void onlyEmptyGroupsAreDeletedAndTheirTopicsAreReported() {
        ShareGroupHeartbeatResponseData a = join("g", "a");
        assertThat(service.delete(List.of("g", "other")).join()).satisfies(results -> {
            assertThat(results.get("g").error()).isEqualTo(Errors.NON_EMPTY_GROUP);
            assertThat(results.get("other").error()).isEqualTo(Errors.GROUP_ID_NOT_FOUND);
        });
        assertThat(heartbeat("g", "a", -1, null).memberEpoch()).isEqualTo(-1);
        ShareGroupCoordinator.GroupView deleted = service.delete(List.of("g")).join().get("g");
        assertThat(deleted.error()).isEqualTo(Errors.NONE);
        assertThat(deleted.topicIds()).containsExactly(topics.id("t"));
        assertThat(describe("g").errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(a.errorCode()).isZero();
    }

    @Test
    void theGroupAndMemberLimitsAreKafkas() {
        ShareGroupCoordinatorService limited = new ShareGroupCoordinatorService(
                new ShareGroupConfig(1, SESSION_MS, 5000, 1, 2), ShareGroupSettings.NONE, topics, time, executor);
        limited.onElection(0, new InMemoryCoordinatorLog());
        assertThat(join(limited, "g", "a").errorCode()).isZero();
        assertThat(join(limited, "g", "b").errorCode()).isZero();
        assertThat(join(limited, "g", "c").errorCode()).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED.code());
        assertThat(join(limited, "other", "a").errorCode()).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED.code());
    }

    private static ShareGroupHeartbeatResponseData join(ShareGroupCoordinatorService on, String group,
                                                        String member) {
        return on.heartbeat("client", "/127.0.0.1", new ShareGroupHeartbeatRequestData().setGroupId(group)
                .setMemberId(member).setMemberEpoch(0).setSubscribedTopicNames(List.of("t"))).join();
    }

    private ShareGroupHeartbeatResponseData join(String group, String member) {
        return heartbeat(group, member, 0, List.of("t"));
    }

    private ShareGroupHeartbeatResponseData heartbeat(String group, String member, int epoch, List<String> topics) {
        return service.heartbeat("client", "/127.0.0.1", new ShareGroupHeartbeatRequestData().setGroupId(group)
                .setMemberId(member).setMemberEpoch(epoch).setSubscribedTopicNames(topics)).join();
    }

    private ShareGroupDescribeResponseData.DescribedGroup describe(String group) {
        return service.describe(List.of(group)).join().get(0);
    }

    private static List<Integer> partitions(ShareGroupHeartbeatResponseData response) {
        List<Integer> partitions = new ArrayList<>();
        response.assignment().topicPartitions().forEach(tp -> partitions.addAll(tp.partitions()));
        return partitions;
    }

    /** Topics for the tests: name, id and partition count. */
    private static final class Topics implements TopicMetadataView {
        private final Map<String, Uuid> ids = new HashMap<>();
        private final Map<String, Integer> counts = new HashMap<>();

        void add(String name, int partitions) {
            ids.put(name, Uuid.randomUuid());
            counts.put(name, partitions);
        }

        Uuid id(String name) {
            return ids.get(name);
        }

        @Override
        public OptionalInt partitionCount(String topic) {
            Integer count = counts.get(topic);
            return count == null ? OptionalInt.empty() : OptionalInt.of(count);
        }

        @Override
        public Optional<Uuid> topicId(String topic) {
            return Optional.ofNullable(ids.get(topic));
        }

        @Override
        public Optional<String> topicName(Uuid topicId) {
            return ids.entrySet().stream().filter(e -> e.getValue().equals(topicId)).map(Map.Entry::getKey).findFirst();
        }

        @Override
        public Collection<String> topicNames() {
            return ids.keySet();
        }
    }
}
