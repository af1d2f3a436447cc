package io.tributary.broker.share;

import io.tributary.broker.api.ApiHandler;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.ShareAcknowledgeRequestData;
import org.apache.kafka.common.message.ShareAcknowledgeResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ShareAcknowledgeRequest;
import org.apache.kafka.common.requests.ShareAcknowledgeResponse;
import org.apache.kafka.common.utils.Time;

/**
 * ShareAcknowledge (v1-2): acknowledgements within an open share session (its epoch must match and is then
 * incremented); epoch -1 acknowledges and closes the session, releasing whatever the member still holds. Epoch
 * 0 can't open a session here (INVALID_SHARE_SESSION_EPOCH). Answered once the new states are committed.
 */
public final class ShareAcknowledgeHandler implements ApiHandler<ShareAcknowledgeRequest> {

    private final SharePartitions shares;
    private final ShareSessionCache sessions;
    private final ShareAcknowledgements acknowledgements;
    private final Time time;
    private final ShareAccess access;

    ShareAcknowledgeHandler(SharePartitions shares, ShareSessionCache sessions,
                            ShareAcknowledgements acknowledgements, Time time, ShareAccess access) {
        this.access = access;
        this.shares = shares;
        this.sessions = sessions;
        this.acknowledgements = acknowledgements;
        this.time = time;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, ShareAcknowledgeRequest request) {
        ShareAcknowledgeRequestData data = request.data();
        String groupId = data.groupId();
        String memberId = data.memberId();
        if (groupId == null || groupId.isEmpty() || memberId == null || memberId.isEmpty()) {
            return error(Errors.INVALID_REQUEST, "GroupId and MemberId must be set.");
        }
        // As Kafka: READ on the group before the session is touched; READ on each topic acknowledged.
        if (!access.group(context, AclOperation.READ, groupId)) {
            return error(Errors.GROUP_AUTHORIZATION_FAILED, null);
        }
        int epoch = data.shareSessionEpoch();
        ShareSession session;
        if (epoch == 0) {
            return error(Errors.INVALID_SHARE_SESSION_EPOCH, "ShareAcknowledge can't open a share session.");
        } else if (epoch == -1) {
            session = sessions.remove(groupId, memberId);
        } else {
            session = sessions.get(groupId, memberId);
            if (session == null) {
                return error(Errors.SHARE_SESSION_NOT_FOUND, null);
            }
            synchronized (session) {
                if (session.epoch != epoch) {
                    return error(Errors.INVALID_SHARE_SESSION_EPOCH, null);
                }
                session.epoch = ShareSession.nextEpoch(epoch);
                session.lastUsedMs = time.milliseconds();
            }
        }
        Map<TopicIdPartition, List<SharePartition.AckBatch>> acks = new LinkedHashMap<>();
        for (ShareAcknowledgeRequestData.AcknowledgeTopic topic : data.topics()) {
            for (ShareAcknowledgeRequestData.AcknowledgePartition partition : topic.partitions()) {
                List<SharePartition.AckBatch> batches = new ArrayList<>();
                partition.acknowledgementBatches().forEach(b -> batches.add(ShareAcknowledgements.batch(
                        b.firstOffset(), b.lastOffset(), b.acknowledgeTypes())));
                acks.put(shares.id(topic.topicId(), partition.partitionIndex()), batches);
            }
        }
        Map<TopicIdPartition, Errors> refused = ShareFetchHandler.refuse(acks,
                access.deniedTopics(context, AclOperation.READ, acks.keySet()));
        int lockMs = shares.manager().groupConfigs().recordLockDurationMs(groupId);
        CompletableFuture<Map<TopicIdPartition, Errors>> acked = acknowledgements.apply(groupId, memberId, acks);
        if (!refused.isEmpty()) {
            acked = acked.thenApply(errors -> {
                Map<TopicIdPartition, Errors> all = new LinkedHashMap<>(errors);
                all.putAll(refused);
                return all;
            });
        }
        CompletableFuture<Map<TopicIdPartition, Errors>> done = epoch != -1 ? acked
                : acked.thenCompose(errors -> acknowledgements.release(session).thenApply(ignored -> errors));
        return done.thenApply(errors -> {
            LinkedHashMap<TopicIdPartition, PartitionData> response = new LinkedHashMap<>();
            errors.forEach((id, error) -> response.put(id, ShareAcknowledgeResponse.partitionResponse(id, error)));
            return ResponseAction.send(ShareAcknowledgeResponse.of(Errors.NONE, 0, response, List.of(), lockMs));
        });
    }

    private static CompletionStage<ResponseAction> error(Errors error, String message) {
        ShareAcknowledgeResponse response = ShareAcknowledgeResponse.of(error, 0, new LinkedHashMap<>(), List.of(), 0);
        response.data().setErrorMessage(message != null ? message : error.message());
        return CompletableFuture.completedFuture(ResponseAction.send(response));
    }
}
