package io.tributary.broker.share;

import io.tributary.broker.api.ApiHandler;
import io.tributary.network.FileRegionRecords;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import io.tributary.storage.api.ReadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.ShareFetchRequestData;
import org.apache.kafka.common.message.ShareFetchResponseData.LeaderIdAndEpoch;
import org.apache.kafka.common.message.ShareFetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.ShareFetchRequest;
import org.apache.kafka.common.requests.ShareFetchResponse;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShareFetch (v1-2): the share session is opened (epoch 0), updated (next epoch) or closed (-1); the
 * acknowledgements it carries are applied first; then records are acquired for the member from the session's
 * partitions, up to MaxRecords (whole batches, or exactly MaxRecords in v2's record-limit acquire mode). With
 * nothing to acquire the request waits up to MaxWaitMs for records to arrive or be released.
 */
public final class ShareFetchHandler implements ApiHandler<ShareFetchRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ShareFetchHandler.class);
    private static final byte RECORD_LIMIT_MODE = 1;
    private static final long FORGOTTEN_LOCK_GRACE_MS = 1000;

    private final SharePartitions shares;
    private final ShareSessionCache sessions;
    private final ShareAcknowledgements acknowledgements;
    private final Time time;
    private final ShareAccess access;

    ShareFetchHandler(SharePartitions shares, ShareSessionCache sessions, ShareAcknowledgements acknowledgements,
                      Time time, ShareAccess access) {
        this.access = access;
        this.shares = shares;
        this.sessions = sessions;
        this.acknowledgements = acknowledgements;
        this.time = time;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, ShareFetchRequest request) {
        ShareFetchRequestData data = request.data();
        String groupId = data.groupId();
        String memberId = data.memberId();
        if (groupId == null || groupId.isEmpty() || memberId == null || memberId.isEmpty()) {
            return error(Errors.INVALID_REQUEST, "GroupId and MemberId must be set.");
        }
        // As Kafka: READ on the group before the session is touched; READ on each topic below.
        if (!access.group(context, AclOperation.READ, groupId)) {
            return error(Errors.GROUP_AUTHORIZATION_FAILED, null);
        }
        int epoch = data.shareSessionEpoch();
        Map<TopicIdPartition, List<SharePartition.AckBatch>> acks = new LinkedHashMap<>();
        List<TopicIdPartition> requested = new ArrayList<>();
        for (ShareFetchRequestData.FetchTopic topic : data.topics()) {
            for (ShareFetchRequestData.FetchPartition partition : topic.partitions()) {
                TopicIdPartition id = shares.id(topic.topicId(), partition.partitionIndex());
                requested.add(id);
                if (!partition.acknowledgementBatches().isEmpty()) {
                    List<SharePartition.AckBatch> batches = new ArrayList<>();
                    partition.acknowledgementBatches().forEach(b -> batches.add(ShareAcknowledgements.batch(
                            b.firstOffset(), b.lastOffset(), b.acknowledgeTypes())));
                    acks.put(id, batches);
                }
            }
        }
        long now = time.milliseconds();
        ShareSession session;
        if (epoch == 0) {
            if (!acks.isEmpty()) {
                return error(Errors.INVALID_REQUEST, "Acknowledgements are not allowed when opening a share session.");
            }
            List<ShareSession> evicted = new ArrayList<>();
            session = sessions.open(groupId, memberId, now, evicted);
            evicted.forEach(acknowledgements::release);
            if (session == null) {
                return error(Errors.SHARE_SESSION_LIMIT_REACHED, null);
            }
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
            }
        }
        List<TopicIdPartition> forgotten = new ArrayList<>();
        if (epoch != -1) {
            synchronized (session) {
                session.lastUsedMs = now;
                session.partitions.addAll(requested);
                for (ShareFetchRequestData.ForgottenTopic topic : data.forgottenTopicsData()) {
                    topic.partitions().forEach(p -> {
                        TopicIdPartition id = shares.id(topic.topicId(), p);
                        if (session.partitions.remove(id)) {
                            forgotten.add(id);
                        }
                    });
                }
            }
        }
        // Topics of the session (and of the acknowledgements) the principal may not READ: their partitions are
        // answered TOPIC_AUTHORIZATION_FAILED, their acknowledgements not applied. One check per topic.
        Set<String> denied;
        if (!access.enabled()) {
            denied = Set.of();
        } else if (epoch == -1) {
            denied = access.deniedTopics(context, AclOperation.READ, acks.keySet());
        } else {
            List<TopicIdPartition> inSession;
            synchronized (session) {
                inSession = new ArrayList<>(session.partitions);
            }
            denied = access.deniedTopics(context, AclOperation.READ, inSession, acks.keySet());
        }
        Map<TopicIdPartition, Errors> refusedAcks = refuse(acks, denied);
        int lockMs = shares.manager().groupConfigs().recordLockDurationMs(groupId);
        CompletableFuture<Map<TopicIdPartition, Errors>> acked = acknowledgements.apply(groupId, memberId, acks);
        if (!refusedAcks.isEmpty()) {
            acked = acked.thenApply(errors -> {
                Map<TopicIdPartition, Errors> all = new LinkedHashMap<>(errors);
                all.putAll(refusedAcks);
                return all;
            });
        }
        if (!forgotten.isEmpty()) {
            // The member no longer fetches these partitions here (its assignment moved): what it still holds there
            // goes back to the others after a short grace for acknowledgements in flight, not after its locks.
            long grace = Math.min(FORGOTTEN_LOCK_GRACE_MS, lockMs);
            acked = acked.thenApply(errors -> {
                acknowledgements.shortenLocks(groupId, memberId, forgotten, grace);
                return errors;
            });
        }
        if (epoch == -1) {
            return acked.thenCompose(errors -> acknowledgements.release(session).thenApply(ignored ->
                    respond(context, new Attempt(), errors, lockMs)));
        }
        if (data.isRenewAck()) {
            // KIP-1222: a request renewing locks only acknowledges; it acquires nothing more.
            return acked.thenApply(errors -> respond(context, new Attempt(), errors, lockMs));
        }
        return acked.thenCompose(errors -> fetch(context, data, session, memberId, denied)
                .thenApply(attempt -> respond(context, attempt, errors, lockMs)));
    }

    /** Acquires at once, or parks until something can be acquired or MaxWaitMs passes. */
    private CompletableFuture<Attempt> fetch(RequestContext context, ShareFetchRequestData data, ShareSession session,
                                             String memberId, Set<String> denied) {
        List<TopicIdPartition> partitions;
        synchronized (session) {
            partitions = new ArrayList<>(session.partitions);
            if (!partitions.isEmpty()) {
                int from = Math.floorMod(session.rotation++, partitions.size());
                java.util.Collections.rotate(partitions, -from);
            }
        }
        Attempt first = attempt(session.groupId, memberId, data, partitions, denied);
        if (first.ready || data.maxWaitMs() <= 0 || partitions.isEmpty()) {
            return CompletableFuture.completedFuture(first);
        }
        CompletableFuture<Attempt> result = new CompletableFuture<>();
        List<TopicPartition> watched = partitions.stream().map(TopicIdPartition::topicPartition).toList();
        shares.manager().waiters().park(watched, data.maxWaitMs(), () -> {
            Attempt next = attempt(session.groupId, memberId, data, partitions, denied);
            if (next.ready) {
                result.complete(next);
            }
            return next.ready;
        }, () -> result.complete(attempt(session.groupId, memberId, data, partitions, denied)));
        return result;
    }

    private Attempt attempt(String groupId, String memberId, ShareFetchRequestData data,
                            List<TopicIdPartition> partitions, Set<String> denied) {
        Attempt attempt = new Attempt();
        int recordsLeft = Math.max(1, data.maxRecords());
        int bytesLeft = data.maxBytes() <= 0 ? Integer.MAX_VALUE : data.maxBytes();
        boolean recordLimit = data.shareAcquireMode() == RECORD_LIMIT_MODE;
        for (TopicIdPartition id : partitions) {
            if (!denied.isEmpty() && denied.contains(id.topic())) {
                attempt.partitions.put(id, new PartitionData().setPartitionIndex(id.partition())
                        .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()).setRecords(MemoryRecords.EMPTY));
                attempt.ready = true; // an error is worth answering at once
                continue;
            }
            SharePartitions.Resolved resolved = shares.resolve(groupId, id);
            if (resolved.error() != Errors.NONE) {
                attempt.partitions.put(id, new PartitionData().setPartitionIndex(id.partition())
                        .setErrorCode(resolved.error().code()).setRecords(MemoryRecords.EMPTY)
                        .setCurrentLeader(new LeaderIdAndEpoch().setLeaderId(resolved.leaderId())
                                .setLeaderEpoch(resolved.leaderEpoch())));
                attempt.leaders.add(resolved.leaderId());
                attempt.ready = true; // an error is worth answering at once
                continue;
            }
            if (recordsLeft <= 0 || bytesLeft <= 0) {
                continue;
            }
            SharePartition.Acquisition acquisition;
            try {
                acquisition = resolved.sharePartition().acquire(memberId, recordsLeft, bytesLeft, recordLimit);
            } catch (RuntimeException e) {
                Errors error = Errors.forException(e);
                if (error == Errors.UNKNOWN_SERVER_ERROR) {
                    LOG.error("Share fetch of {} for group {} failed", id, groupId, e);
                }
                attempt.partitions.put(id, new PartitionData().setPartitionIndex(id.partition())
                        .setErrorCode(error.code()).setRecords(MemoryRecords.EMPTY));
                attempt.ready = true;
                continue;
            }
            if (acquisition == null) {
                continue;
            }
            ReadResult read = acquisition.read();
            int count = 0;
            for (var range : acquisition.acquired()) {
                count += (int) (range.lastOffset() - range.firstOffset() + 1);
            }
            recordsLeft -= count;
            bytesLeft -= read.sizeInBytes();
            attempt.ready = true;
            attempt.partitions.put(id, new PartitionData().setPartitionIndex(id.partition())
                    .setRecords(read.sizeInBytes() == 0 ? MemoryRecords.EMPTY
                            : new FileRegionRecords(read.channel(), read.position(), read.sizeInBytes()))
                    .setAcquiredRecords(acquisition.acquired())
                    .setCurrentLeader(new LeaderIdAndEpoch().setLeaderId(resolved.leaderId())
                            .setLeaderEpoch(resolved.leaderEpoch())));
        }
        return attempt;
    }

    private ResponseAction respond(RequestContext context, Attempt attempt, Map<TopicIdPartition, Errors> ackErrors,
                                   int lockMs) {
        LinkedHashMap<TopicIdPartition, PartitionData> response = new LinkedHashMap<>(attempt.partitions);
        ackErrors.forEach((id, error) -> response.computeIfAbsent(id, k -> new PartitionData()
                        .setPartitionIndex(id.partition()).setRecords(MemoryRecords.EMPTY))
                .setAcknowledgeErrorCode(error.code()));
        List<Node> endpoints = new ArrayList<>();
        attempt.leaders.forEach(leader -> shares.node(leader, context.listenerName()).ifPresent(endpoints::add));
        return ResponseAction.send(ShareFetchResponse.of(Errors.NONE, 0, response, endpoints, lockMs));
    }

    /** Takes the acknowledgements of denied topics out of {@code acks}: each is answered TOPIC_AUTHORIZATION_FAILED. */
    static Map<TopicIdPartition, Errors> refuse(Map<TopicIdPartition, List<SharePartition.AckBatch>> acks,
                                                Set<String> denied) {
        if (denied.isEmpty() || acks.isEmpty()) {
            return Map.of();
        }
        Map<TopicIdPartition, Errors> refused = new LinkedHashMap<>();
        acks.keySet().removeIf(id -> {
            if (denied.contains(id.topic())) {
                refused.put(id, Errors.TOPIC_AUTHORIZATION_FAILED);
                return true;
            }
            return false;
        });
        return refused;
    }

    private static CompletionStage<ResponseAction> error(Errors error, String message) {
        ShareFetchResponse response = ShareFetchResponse.of(error, 0, new LinkedHashMap<>(), List.of(), 0);
        response.data().setErrorMessage(message != null ? message : error.message());
        return CompletableFuture.completedFuture(ResponseAction.send(response));
    }

    /** One pass over the session's partitions. */
    private static final class Attempt {
        final LinkedHashMap<TopicIdPartition, PartitionData> partitions = new LinkedHashMap<>();
        final java.util.Set<Integer> leaders = new java.util.HashSet<>();
        /** Records were acquired or an error is to be told: answer now. */
        boolean ready;
    }
}
