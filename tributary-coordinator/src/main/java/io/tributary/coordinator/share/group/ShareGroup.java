package io.tributary.coordinator.share.group;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * One share group: its epoch (bumped whenever the target assignment may change), members, the target assignment
 * computed for that epoch, and every topic it has consumed (whose share-partition state it owns).
 */
final class ShareGroup {

    static final String STATE_EMPTY = "Empty";
    static final String STATE_STABLE = "Stable";

    final String groupId;
    int groupEpoch;
    int assignmentEpoch;
    final Map<String, ShareMember> members = new LinkedHashMap<>();
    Map<String, Map<Uuid, List<Integer>>> targetAssignment = Map.of();
    final Set<Uuid> topicIds = new HashSet<>();

    ShareGroup(String groupId) {
        this.groupId = groupId;
    }

    String stateName() {
        return members.isEmpty() ? STATE_EMPTY : STATE_STABLE;
    }
}
