package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.records.GroupRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a member (it left, or was fenced by a timeout) and gives its partitions to the others: a new group
 * epoch and target assignment.
 */
final class MemberRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(MemberRemoval.class);

    private final ConsumerGroupContext context;
    private final ConsumerMemberTimers timers;

    MemberRemoval(ConsumerGroupContext context, ConsumerMemberTimers timers) {
        this.context = context;
        this.timers = timers;
    }

    List<GroupRecord> remove(ConsumerGroup group, String memberId, String reason) {
        LOG.info("Removing member {} from consumer group {}: {}", memberId, group.groupId(), reason);
        timers.cancel(group.groupId(), memberId);
        Map<String, ConsumerGroupMember> members = new LinkedHashMap<>(group.membersById());
        members.remove(memberId);
        Map<String, Map<Uuid, Set<Integer>>> targets = new LinkedHashMap<>(group.targets());
        targets.remove(memberId);
        List<GroupRecord> records = new ArrayList<>(ConsumerGroupRecords.memberRemoval(group.groupId(), memberId));
        records.addAll(context.targets().update(group, members, targets, true, false).records());
        return records;
    }
}
