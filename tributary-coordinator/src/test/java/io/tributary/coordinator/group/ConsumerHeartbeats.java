package io.tributary.coordinator.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/** ConsumerGroupHeartbeat and ConsumerGroupDescribe shortcuts over a test coordinator. */
final class ConsumerHeartbeats {

    static final int REBALANCE_TIMEOUT = 30_000;

    private final GroupCoordinatorTestContext ctx;

    ConsumerHeartbeats(GroupCoordinatorTestContext ctx) {
        this.ctx = ctx;
    }

    static ConsumerGroupHeartbeatRequestData joinRequest(String groupId, String memberId, String... topics) {
        return new ConsumerGroupHeartbeatRequestData().setGroupId(groupId).setMemberId(memberId).setMemberEpoch(0)
                .setRebalanceTimeoutMs(REBALANCE_TIMEOUT).setSubscribedTopicNames(List.of(topics))
                .setTopicPartitions(List.of());
    }

    ConsumerGroupHeartbeatResponseData send(ConsumerGroupHeartbeatRequestData request) {
        return ctx.service.consumerGroupHeartbeat(GroupCoordinatorTestContext.context(ApiKeys.CONSUMER_GROUP_HEARTBEAT),
                request).join();
    }

    ConsumerGroupHeartbeatResponseData join(String groupId, String memberId, String... topics) {
        return send(joinRequest(groupId, memberId, topics));
    }

    /** A heartbeat reporting what the member owns now (null: not reported). */
    ConsumerGroupHeartbeatResponseData heartbeat(String groupId, String memberId, int epoch,
                                                 Map<Uuid, Set<Integer>> owned) {
        ConsumerGroupHeartbeatRequestData request = new ConsumerGroupHeartbeatRequestData().setGroupId(groupId)
                .setMemberId(memberId).setMemberEpoch(epoch);
        if (owned != null) {
            List<ConsumerGroupHeartbeatRequestData.TopicPartitions> topics = new ArrayList<>();
            owned.forEach((topic, partitions) -> topics.add(new ConsumerGroupHeartbeatRequestData.TopicPartitions()
                    .setTopicId(topic).setPartitions(new ArrayList<>(partitions))));
            request.setTopicPartitions(topics);
        }
        return send(request);
    }

    ConsumerGroupHeartbeatResponseData leave(String groupId, String memberId, int epoch) {
        return send(new ConsumerGroupHeartbeatRequestData().setGroupId(groupId).setMemberId(memberId)
                .setMemberEpoch(epoch));
    }

    ConsumerGroupDescribeResponseData.DescribedGroup describe(String groupId) {
        return ctx.service.consumerGroupDescribe(GroupCoordinatorTestContext.context(ApiKeys.CONSUMER_GROUP_DESCRIBE),
                List.of(groupId)).join().get(0);
    }

    /** The partitions of the response's assignment, by topic. */
    static Map<Uuid, Set<Integer>> assigned(ConsumerGroupHeartbeatResponseData response) {
        Map<Uuid, Set<Integer>> result = new java.util.HashMap<>();
        response.assignment().topicPartitions().forEach(tp -> result.put(tp.topicId(), new TreeSet<>(tp.partitions())));
        return result;
    }

    static Set<Integer> partitions(int... partitions) {
        Set<Integer> set = new TreeSet<>();
        for (int p : partitions) {
            set.add(p);
        }
        return set;
    }
}
