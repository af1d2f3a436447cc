package io.tributary.coordinator.group.classic;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupRegistry;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.InconsistentGroupProtocolException;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/** The checks SyncGroup and Heartbeat share; failures are thrown as Kafka's ApiExceptions. */
final class MemberValidation {

    private MemberValidation() {
    }

    static ClassicGroup classicGroup(GroupRegistry groups, String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            throw new UnknownMemberIdException("Group " + groupId + " has no members");
        }
        if (!(group instanceof ClassicGroup classic)) {
            throw new InconsistentGroupProtocolException("Group " + groupId + " is not a classic group");
        }
        if (classic.isInState(ClassicGroupState.DEAD)) {
            throw new CoordinatorNotAvailableException("Group " + groupId + " is being deleted");
        }
        return classic;
    }

    /** Known member (static ones not fenced) of the current generation. */
    static void validate(ClassicGroup group, String memberId, String groupInstanceId, int generationId) {
        ClassicGroupRules.validateMember(group, memberId, groupInstanceId);
        if (generationId != group.generationId()) {
            throw new IllegalGenerationException("Generation " + generationId + " is not current");
        }
    }
}
