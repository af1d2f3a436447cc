package io.tributary.coordinator.group.consumer.assignor;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;

/**
 * What an assignor knows of one member: the topics it subscribes to and the partitions it owns now (so that an
 * assignor can be sticky).
 */
public record MemberSubscription(Set<Uuid> subscribedTopics, Map<Uuid, Set<Integer>> currentAssignment) {

    public MemberSubscription {
        subscribedTopics = Set.copyOf(subscribedTopics);
        currentAssignment = Map.copyOf(currentAssignment);
    }
}
