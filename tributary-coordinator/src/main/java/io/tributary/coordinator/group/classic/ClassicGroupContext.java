package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import org.apache.kafka.common.utils.Time;

/** What the classic protocol handlers of one shard share. */
record ClassicGroupContext(GroupCoordinatorConfig config, Time time, CoordinatorTimer<GroupRecord> timer,
                           GroupRegistry groups) {

    long now() {
        return time.milliseconds();
    }

    static String joinTimerKey(String groupId) {
        return "join-" + groupId;
    }

    static String sessionTimerKey(String groupId, String memberId) {
        return "session-" + groupId + "-" + memberId;
    }

    static String pendingMemberTimerKey(String groupId, String memberId) {
        return "pending-" + groupId + "-" + memberId;
    }
}
