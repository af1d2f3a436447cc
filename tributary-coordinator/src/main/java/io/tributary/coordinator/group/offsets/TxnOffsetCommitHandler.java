package io.tributary.coordinator.group.offsets;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitKey;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.ProducerBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/**
 * TxnOffsetCommit v0-v5: offsets written in the producer's transactional batch; they stay pending (invisible
 * to OffsetFetch) until the transaction's marker settles them. From v3 the committer's group membership is
 * checked as for OffsetCommit.
 */
public final class TxnOffsetCommitHandler {

    private final GroupCoordinatorConfig config;
    private final TopicMetadataView topics;
    private final GroupRegistry groups;
    private final PendingTransactionalOffsets pending;
    private final Time time;

    public TxnOffsetCommitHandler(GroupCoordinatorConfig config, TopicMetadataView topics, GroupRegistry groups,
                                  PendingTransactionalOffsets pending, Time time) {
        this.config = config;
        this.topics = topics;
        this.groups = groups;
        this.pending = pending;
        this.time = time;
    }

    public CoordinatorResult<TxnOffsetCommitResponseData, GroupRecord> commit(TxnOffsetCommitRequestData data) {
        Errors groupError = validateGroup(data);
        long now = time.milliseconds();
        List<GroupRecord> records = new ArrayList<>();
        TxnOffsetCommitResponseData response = new TxnOffsetCommitResponseData();
        for (TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic topic : data.topics()) {
            TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic topicResponse =
                    new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName(topic.name());
            OptionalInt partitionCount = topics.partitionCount(topic.name());
            for (TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition partition : topic.partitions()) {
                Errors error = groupError != Errors.NONE ? groupError : validatePartition(partitionCount, partition);
                if (error == Errors.NONE) {
                    String metadata = partition.committedMetadata() == null ? "" : partition.committedMetadata();
                    records.add(new GroupRecord(
                            new OffsetCommitKey(data.groupId(), topic.name(), partition.partitionIndex()),
                            new OffsetCommitValue(partition.committedOffset(), partition.committedLeaderEpoch(),
                                    metadata, now, -1L)));
                }
                topicResponse.partitions().add(new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                        .setPartitionIndex(partition.partitionIndex()).setErrorCode(error.code()));
            }
            response.topics().add(topicResponse);
        }
        if (records.isEmpty()) {
            return CoordinatorResult.of(response);
        }
        ProducerBatch batch = new ProducerBatch(data.producerId(), data.producerEpoch(),
                pending.nextSequence(data.producerId(), data.producerEpoch()));
        return CoordinatorResult.transactional(records, response, batch);
    }

    public static TxnOffsetCommitResponseData errorResponse(TxnOffsetCommitRequestData data, Errors error) {
        TxnOffsetCommitResponseData response = new TxnOffsetCommitResponseData();
        for (TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic topic : data.topics()) {
            TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic topicResponse =
                    new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName(topic.name());
            topic.partitions().forEach(p -> topicResponse.partitions().add(
                    new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                            .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code())));
            response.topics().add(topicResponse);
        }
        return response;
    }

    private Errors validateGroup(TxnOffsetCommitRequestData data) {
        // Before v3 (and from producers not passing group metadata) there is no member to check.
        if (data.generationId() < 0 && (data.memberId() == null || data.memberId().isEmpty())) {
            return Errors.NONE;
        }
        Group group = groups.get(data.groupId());
        if (group == null) {
            return Errors.ILLEGAL_GENERATION;
        }
        try {
            group.validateOffsetCommit(data.memberId(), data.groupInstanceId(), data.generationId());
            return Errors.NONE;
        } catch (ApiException e) {
            Errors error = Errors.forException(e);
            // A transactional commit with an old member epoch is a zombie's, not a retry to make later.
            return error == Errors.STALE_MEMBER_EPOCH ? Errors.ILLEGAL_GENERATION : error;
        }
    }

    private Errors validatePartition(OptionalInt partitionCount,
                                     TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition partition) {
        return CommittedPartitionRule.check(partition.committedMetadata(), config.offsetMetadataMaxBytes(),
                partitionCount, partition.partitionIndex());
    }
}
