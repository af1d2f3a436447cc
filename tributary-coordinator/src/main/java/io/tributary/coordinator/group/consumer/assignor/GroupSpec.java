package io.tributary.coordinator.group.consumer.assignor;

import java.util.Map;
import java.util.TreeMap;

/** The members to assign to, by member id (iterated in id order so results are deterministic). */
public record GroupSpec(Map<String, MemberSubscription> members) {

    public GroupSpec {
        members = new TreeMap<>(members);
    }
}
