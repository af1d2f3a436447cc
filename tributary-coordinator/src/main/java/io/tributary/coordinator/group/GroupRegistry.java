package io.tributary.coordinator.group;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** The groups of one shard, of every type. */
public final class GroupRegistry {

    private final Map<String, Group> groups = new HashMap<>();

    public Group get(String groupId) {
        return groups.get(groupId);
    }

    public Group getOrThrow(String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            throw new GroupIdNotFoundException("Group " + groupId + " not found");
        }
        return group;
    }

    /** The group if it exists and is of {@code type}, else null. */
    public <G extends Group> G get(String groupId, Class<G> type) {
        Group group = groups.get(groupId);
        return type.isInstance(group) ? type.cast(group) : null;
    }

    public void put(Group group) {
        groups.put(group.groupId(), group);
    }

    public void remove(String groupId) {
        Group removed = groups.remove(groupId);
        if (removed != null) {
            removed.markDead();
        }
    }

    public Collection<Group> all() {
        return groups.values();
    }
}
