package io.tributary.coordinator.group.offsets;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitKey;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import io.tributary.coordinator.runtime.CoordinatorResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * OffsetCommit v2-v10: validates the committer against its group (a commit with generation -1 to a group that
 * doesn't exist creates an empty "simple" group when replayed), then writes one record per partition.
 */
public final class OffsetCommitHandler {

    private final GroupCoordinatorConfig config;
    private final TopicMetadataView topics;
    private final GroupRegistry groups;
    private final Time time;

    public OffsetCommitHandler(GroupCoordinatorConfig config, TopicMetadataView topics, GroupRegistry groups,
                               Time time) {
        this.config = config;
        this.topics = topics;
        this.groups = groups;
        this.time = time;
    }

    public CoordinatorResult<OffsetCommitResponseData, GroupRecord> commit(short version,
                                                                           OffsetCommitRequestData data) {
        Errors groupError = validateGroup(version, data);
        long now = time.milliseconds();
        long expireTimestamp = data.retentionTimeMs() >= 0 ? now + data.retentionTimeMs() : -1L;
        List<GroupRecord> records = new ArrayList<>();
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : data.topics()) {
            Optional<String> name = version >= 10 ? topics.topicName(topic.topicId()) : Optional.of(topic.name());
            OffsetCommitResponseData.OffsetCommitResponseTopic topicResponse = responseTopic(version, topic);
            OptionalInt partitionCount = name.map(topics::partitionCount).orElse(OptionalInt.empty());
            for (OffsetCommitRequestData.OffsetCommitRequestPartition partition : topic.partitions()) {
                Errors error = groupError;
                if (error == Errors.NONE) {
                    error = validatePartition(name, partitionCount, partition);
                }
                if (error == Errors.NONE) {
                    String metadata = partition.committedMetadata() == null ? "" : partition.committedMetadata();
                    records.add(new GroupRecord(
                            new OffsetCommitKey(data.groupId(), name.get(), partition.partitionIndex()),
                            new OffsetCommitValue(partition.committedOffset(), partition.committedLeaderEpoch(),
                                    metadata, now, expireTimestamp)));
                }
                topicResponse.partitions().add(new OffsetCommitResponseData.OffsetCommitResponsePartition()
                        .setPartitionIndex(partition.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(topicResponse);
        }
        return CoordinatorResult.of(records, response);
    }

    /** The same error for every partition of the request (the coordinator could not take it). */
    public static OffsetCommitResponseData errorResponse(short version, OffsetCommitRequestData data, Errors error) {
        OffsetCommitResponseData response = new OffsetCommitResponseData();
        for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : data.topics()) {
            OffsetCommitResponseData.OffsetCommitResponseTopic topicResponse = responseTopic(version, topic);
            topic.partitions().forEach(p -> topicResponse.partitions().add(
                    new OffsetCommitResponseData.OffsetCommitResponsePartition()
                            .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code())));
            response.topics().add(topicResponse);
        }
        return response;
    }

    private Errors validateGroup(short version, OffsetCommitRequestData data) {
        Group group = groups.get(data.groupId());
        try {
            if (group != null) {
                group.validateOffsetCommit(data.memberId(), data.groupInstanceId(),
                        data.generationIdOrMemberEpoch(), version);
            } else if (data.generationIdOrMemberEpoch() >= 0) {
                // A member of a group that doesn't exist (any more); v9 introduced the precise code.
                return version >= 9 ? Errors.GROUP_ID_NOT_FOUND : Errors.ILLEGAL_GENERATION;
            }
        } catch (ApiException e) {
            return Errors.forException(e);
        }
        return Errors.NONE;
    }

    private Errors validatePartition(Optional<String> name, OptionalInt partitionCount,
                                     OffsetCommitRequestData.OffsetCommitRequestPartition partition) {
        if (name.isEmpty()) {
            return Errors.UNKNOWN_TOPIC_ID;
        }
        return CommittedPartitionRule.check(partition.committedMetadata(), config.offsetMetadataMaxBytes(),
                partitionCount, partition.partitionIndex());
    }

    private static OffsetCommitResponseData.OffsetCommitResponseTopic responseTopic(
            short version, OffsetCommitRequestData.OffsetCommitRequestTopic topic) {
        // v10 identifies topics by id only: the name field doesn't exist there.
        return version >= 10
                ? new OffsetCommitResponseData.OffsetCommitResponseTopic().setTopicId(topic.topicId())
                : new OffsetCommitResponseData.OffsetCommitResponseTopic().setName(topic.name());
    }
}
