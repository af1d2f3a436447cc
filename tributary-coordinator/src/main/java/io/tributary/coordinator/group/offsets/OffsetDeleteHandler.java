package io.tributary.coordinator.group.offsets;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitKey;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.protocol.Errors;

/** OffsetDelete: tombstones for offsets of topics the group doesn't consume; deletes also whole groups' offsets. */
public final class OffsetDeleteHandler {

    private final GroupRegistry groups;
    private final OffsetStore offsets;

    public OffsetDeleteHandler(GroupRegistry groups, OffsetStore offsets) {
        this.groups = groups;
        this.offsets = offsets;
    }

    public CoordinatorResult<OffsetDeleteResponseData, GroupRecord> delete(OffsetDeleteRequestData data) {
        Group group = groups.get(data.groupId());
        if (group == null) {
            return CoordinatorResult.of(errorResponse(Errors.GROUP_ID_NOT_FOUND));
        }
        try {
            group.validateOffsetDelete();
        } catch (ApiException e) {
            return CoordinatorResult.of(errorResponse(Errors.forException(e)));
        }
        List<GroupRecord> records = new ArrayList<>();
        OffsetDeleteResponseData response = new OffsetDeleteResponseData();
        for (OffsetDeleteRequestData.OffsetDeleteRequestTopic topic : data.topics()) {
            boolean subscribed = group.isSubscribedTo(topic.name());
            OffsetDeleteResponseData.OffsetDeleteResponseTopic topicResponse =
                    new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(topic.name());
            for (OffsetDeleteRequestData.OffsetDeleteRequestPartition partition : topic.partitions()) {
                Errors error = subscribed ? Errors.GROUP_SUBSCRIBED_TO_TOPIC : Errors.NONE;
                if (!subscribed && offsets.get(data.groupId(), topic.name(), partition.partitionIndex()) != null) {
                    records.add(GroupRecord.tombstone(
                            new OffsetCommitKey(data.groupId(), topic.name(), partition.partitionIndex())));
                }
                topicResponse.partitions().add(new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                        .setPartitionIndex(partition.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(topicResponse);
        }
        return CoordinatorResult.of(records, response);
    }

    /** Tombstones for every offset of a group (the group is being deleted). */
    public List<GroupRecord> deleteAll(String groupId) {
        List<GroupRecord> records = new ArrayList<>();
        offsets.offsetsOf(groupId).forEach((topic, partitions) -> partitions.keySet().forEach(partition ->
                records.add(GroupRecord.tombstone(new OffsetCommitKey(groupId, topic, partition)))));
        return records;
    }

    public static OffsetDeleteResponseData errorResponse(Errors error) {
        return new OffsetDeleteResponseData().setErrorCode(error.code());
    }
}
