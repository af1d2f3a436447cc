package io.tributary.coordinator.group;

import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.message.DescribeGroupsResponseData;

/**
 * A group of any type, as the parts shared by all types see it: admin APIs and committed offsets. Validation
 * methods throw Kafka's ApiExceptions.
 */
public interface Group {

    String groupId();

    GroupType type();

    /** The state as ListGroups and DescribeGroups spell it ("Stable", "Empty", ...). */
    String stateName();

    /** The protocol type ListGroups reports ("consumer", "connect", "" for a simple group). */
    String protocolType();

    boolean isEmpty();

    /** May a member (or a simple client with generation -1) commit offsets now? */
    void validateOffsetCommit(String memberId, String groupInstanceId, int generationIdOrMemberEpoch);

    /** The same for a (non-transactional) OffsetCommit of the given version. */
    default void validateOffsetCommit(String memberId, String groupInstanceId, int generationIdOrMemberEpoch,
                                      short offsetCommitVersion) {
        validateOffsetCommit(memberId, groupInstanceId, generationIdOrMemberEpoch);
    }

    /**
     * May this member fetch offsets now (OffsetFetch v9+ sends the member id and epoch)? Classic groups accept
     * any fetch.
     */
    default void validateOffsetFetch(String memberId, int memberEpoch) {
    }

    /** May offsets of this group be deleted by OffsetDelete? Topic-level checks use {@link #isSubscribedTo}. */
    void validateOffsetDelete();

    /** May the group be deleted (NON_EMPTY_GROUP while it has members)? */
    void validateDeleteGroup();

    /** Whether a live member consumes {@code topic}; unknown subscriptions count as subscribed. */
    boolean isSubscribedTo(String topic);

    /**
     * When offsets of this group can expire, the timestamp their retention counts from; empty while the group
     * keeps its offsets alive.
     */
    Optional<ToLongFunction<OffsetCommitValue>> offsetExpirationBase();

    DescribeGroupsResponseData.DescribedGroup describe();

    /** Records that remove the group itself (its offsets are removed separately). */
    List<GroupRecord> deletionRecords();

    /** The group was deleted: whatever still refers to it must see it gone. */
    void markDead();
}
