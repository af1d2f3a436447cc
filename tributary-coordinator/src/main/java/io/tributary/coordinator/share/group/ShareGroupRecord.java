package io.tributary.coordinator.share.group;

import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * The share group records kept in {@code __consumer_offsets}, next to (and skipped by) the consumer groups':
 * the group (epoch and the topics it holds share-partition state for) and each member (its subscription).
 * A null {@code group}/{@code member} value is a tombstone.
 */
sealed interface ShareGroupRecord {

    String groupId();

    /** Kafka's ShareGroupMetadata: the group exists, with this epoch and these topics. */
    record GroupValue(String groupId, int epoch, Set<Uuid> topicIds) {
    }

    record Group(String groupId, GroupValue value) implements ShareGroupRecord {
    }

    /** Kafka's ShareGroupMemberMetadata. */
    record MemberValue(String clientId, String clientHost, String rackId, List<String> subscribedTopics) {
    }

    record Member(String groupId, String memberId, MemberValue value) implements ShareGroupRecord {
    }
}
