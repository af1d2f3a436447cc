package io.tributary.coordinator.group.offsets;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * OffsetFetch v1-v10 for one group: requested partitions without an offset (or of an unknown group) get offset
 * -1 and no error; null topics means every committed offset of the group. With requireStable, partitions with
 * an offset pending in an open transaction get UNSTABLE_OFFSET_COMMIT (the consumer retries).
 */
public final class OffsetFetchHandler {

    private final TopicMetadataView topics;
    private final GroupRegistry groups;
    private final OffsetStore offsets;
    private final PendingTransactionalOffsets pending;

    public OffsetFetchHandler(TopicMetadataView topics, GroupRegistry groups, OffsetStore offsets,
                              PendingTransactionalOffsets pending) {
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.pending = pending;
    }

    public OffsetFetchResponseData.OffsetFetchResponseGroup fetch(
            short version, OffsetFetchRequestData.OffsetFetchRequestGroup request, boolean requireStable) {
        OffsetFetchResponseData.OffsetFetchResponseGroup response =
                new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId(request.groupId());
        Errors memberError = validateMember(version, request);
        if (memberError != Errors.NONE) {
            return errorResponse(request.groupId(), memberError);
        }
        if (request.topics() == null) {
            fetchAll(version, request.groupId(), requireStable, response);
            return response;
        }
        for (OffsetFetchRequestData.OffsetFetchRequestTopics topic : request.topics()) {
            Optional<String> name = version >= 10 ? topics.topicName(topic.topicId()) : Optional.of(topic.name());
            OffsetFetchResponseData.OffsetFetchResponseTopics topicResponse = version >= 10
                    ? new OffsetFetchResponseData.OffsetFetchResponseTopics().setTopicId(topic.topicId())
                    : new OffsetFetchResponseData.OffsetFetchResponseTopics().setName(topic.name());
            for (int partition : topic.partitionIndexes()) {
                if (name.isPresent() && requireStable && pending.hasPending(request.groupId(), name.get(), partition)) {
                    topicResponse.partitions().add(partition(partition, null, Errors.UNSTABLE_OFFSET_COMMIT));
                    continue;
                }
                OffsetCommitValue value = name.map(n -> offsets.get(request.groupId(), n, partition)).orElse(null);
                topicResponse.partitions().add(partition(partition, value,
                        name.isPresent() ? Errors.NONE : Errors.UNKNOWN_TOPIC_ID));
            }
            response.topics().add(topicResponse);
        }
        return response;
    }

    /** From v9 a consumer group member fetches with its member id and epoch, checked as for a commit. */
    private Errors validateMember(short version, OffsetFetchRequestData.OffsetFetchRequestGroup request) {
        Group group = groups.get(request.groupId());
        if (version < 9 || group == null) {
            return Errors.NONE;
        }
        try {
            group.validateOffsetFetch(request.memberId(), request.memberEpoch());
            return Errors.NONE;
        } catch (ApiException e) {
            return Errors.forException(e);
        }
    }

    public static OffsetFetchResponseData.OffsetFetchResponseGroup errorResponse(String groupId, Errors error) {
        return new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId(groupId).setErrorCode(error.code());
    }

    private void fetchAll(short version, String groupId, boolean requireStable,
                          OffsetFetchResponseData.OffsetFetchResponseGroup response) {
        for (Map.Entry<String, Map<Integer, OffsetCommitValue>> topic : offsets.offsetsOf(groupId).entrySet()) {
            OffsetFetchResponseData.OffsetFetchResponseTopics topicResponse;
            if (version >= 10) {
                Optional<Uuid> topicId = topics.topicId(topic.getKey());
                if (topicId.isEmpty()) {
                    continue; // a deleted topic has no id to report it by
                }
                topicResponse = new OffsetFetchResponseData.OffsetFetchResponseTopics().setTopicId(topicId.get());
            } else {
                topicResponse = new OffsetFetchResponseData.OffsetFetchResponseTopics().setName(topic.getKey());
            }
            topic.getValue().forEach((partition, value) -> topicResponse.partitions().add(
                    requireStable && pending.hasPending(groupId, topic.getKey(), partition)
                            ? partition(partition, null, Errors.UNSTABLE_OFFSET_COMMIT)
                            : partition(partition, value, Errors.NONE)));
            response.topics().add(topicResponse);
        }
    }

    private static OffsetFetchResponseData.OffsetFetchResponsePartitions partition(int partition,
                                                                                  OffsetCommitValue value,
                                                                                  Errors error) {
        return new OffsetFetchResponseData.OffsetFetchResponsePartitions()
                .setPartitionIndex(partition)
                .setCommittedOffset(value == null ? -1L : value.offset())
                .setCommittedLeaderEpoch(value == null ? -1 : value.leaderEpoch())
                .setMetadata(value == null ? "" : value.metadata())
                .setErrorCode(error.code());
    }
}
