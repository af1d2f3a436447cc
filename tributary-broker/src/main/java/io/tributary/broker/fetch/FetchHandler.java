package io.tributary.broker.fetch;

import io.tributary.metrics.BrokerTopicStats;
import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import java.util.HashSet;
import io.tributary.broker.api.Responses;
import io.tributary.broker.api.VersionedErrors;
import io.tributary.broker.partition.LeaderHints;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.replica.ClientMetadata;

/**
 * Fetch for consumers: resolves the fetch session, reads every partition as file regions, and answers at once
 * when there is enough (fetch.min.bytes) or an error, else parks the request until data arrives or
 * max.wait.ms passes. Fetches from followers (replica id >= 0) go through {@link FollowerFetches}. A consumer's
 * Fetch v11+ may be served by a follower replica, and a leader may send it to one (KIP-392).
 */
public final class FetchHandler implements ApiHandler<FetchRequest> {

    private final TopicLookup topics;
    private final FetchSessionCache sessions;
    private final PartitionReader reader;
    private final DelayedFetches delayed;
    private final FollowerFetches followers;
    private final FetchStats stats;
    private final RequestAuthorizer authorizer;

    public FetchHandler(TopicLookup topics, FetchSessionCache sessions,
                        io.tributary.broker.partition.PartitionManager partitions, DelayedFetches delayed) {
        this(topics, sessions, partitions, delayed, RequestAuthorizer.NONE);
    }

    public FetchHandler(TopicLookup topics, FetchSessionCache sessions,
                        io.tributary.broker.partition.PartitionManager partitions, DelayedFetches delayed,
                        RequestAuthorizer authorizer) {
        this(topics, sessions, partitions, delayed, authorizer, BrokerTopicStats.detached());
    }

    public FetchHandler(TopicLookup topics, FetchSessionCache sessions,
                        io.tributary.broker.partition.PartitionManager partitions, DelayedFetches delayed,
                        RequestAuthorizer authorizer, BrokerTopicStats stats) {
        this(topics, sessions, partitions, delayed, authorizer, stats, PreferredReadReplicas.NONE);
    }

    /** @param readReplicas the {@code replica.selector.class} leaders ask (KIP-392) */
    public FetchHandler(TopicLookup topics, FetchSessionCache sessions,
                        io.tributary.broker.partition.PartitionManager partitions, DelayedFetches delayed,
                        RequestAuthorizer authorizer, BrokerTopicStats stats, PreferredReadReplicas readReplicas) {
        this.authorizer = authorizer;
        this.stats = new FetchStats(stats);
        this.topics = topics;
        this.sessions = sessions;
        this.reader = new PartitionReader(partitions, readReplicas, topics::image);
        this.delayed = delayed;
        this.followers = new FollowerFetches(partitions, topics::image);
    }

    /** Fetch v6 is the first whose clients retry KAFKA_STORAGE_ERROR (older ones get NOT_LEADER_OR_FOLLOWER). */
    private static final short FIRST_VERSION_KNOWING_STORAGE_ERROR = 6;

    /** Fetch v10 came with zstd (KIP-110): an older consumer cannot read a zstd topic. */
    private static final short FIRST_VERSION_READING_ZSTD = 10;

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, FetchRequest request) {
        boolean usesTopicIds = context.apiVersion() >= 13;
        if (request.isFromFollower()) {
            if (!authorizer.authorizeCluster(context, AclOperation.CLUSTER_ACTION)) {
                return Responses.completed(FetchResponse.of(FetchResponses.of(FetchMetadata.INVALID_SESSION_ID,
                        deniedFollowerReads(request, topicNames(request.data(), usesTopicIds)))));
            }
            return handleFollower(request, topicNames(request.data(), usesTopicIds));
        }
        FetchContext fetch;
        try {
            fetch = sessions.resolve(request, topicNames(request.data(), usesTopicIds), usesTopicIds);
        } catch (FetchSessionCache.SessionError e) {
            return Responses.completed(FetchResponse.of(FetchResponses.error(e.error)));
        }
        IsolationLevel isolation = request.isolationLevel();
        int maxBytes = request.maxBytes();
        boolean readsZstd = context.apiVersion() >= FIRST_VERSION_READING_ZSTD;
        Set<String> denied = deniedTopics(context, fetch.targets());
        boolean followerReads = context.apiVersion() >= FIRST_VERSION_FETCHING_FROM_FOLLOWERS;
        // Built only where a replica selector will read it: most fetches need none.
        ClientMetadata client = followerReads && reader.selectsReadReplicas() ? clientMetadata(context, request) : null;
        List<PartitionRead> reads = reader.readAll(fetch.targets(), maxBytes, isolation, readsZstd, denied,
                followerReads, client);
        if (request.maxWait() <= 0 || fetch.targets().isEmpty() || satisfied(reads, request.minBytes())) {
            stats.consumer(reads);
            return Responses.completed(FetchResponse.of(forClient(context, fetch.buildResponse(reads))));
        }
        CompletableFuture<ResponseAction> answer = new CompletableFuture<>();
        Set<TopicPartition> watched = new LinkedHashSet<>();
        fetch.targets().forEach(t -> {
            if (!t.topicUnknown()) {
                watched.add(t.partition().topicPartition());
            }
        });
        delayed.park(watched, request.maxWait(),
                () -> reader.readAll(fetch.targets(), maxBytes, isolation, readsZstd, denied, followerReads, client),
                latest -> satisfied(latest, request.minBytes()),
                latest -> {
                    stats.consumer(latest);
                    answer.complete(ResponseAction.send(FetchResponse.of(
                            forClient(context, fetch.buildResponse(latest)))));
                });
        return answer;
    }

    /** Fetch v11 brought client.rack (KIP-392): from then on a consumer may read from a follower. */
    private static final short FIRST_VERSION_FETCHING_FROM_FOLLOWERS = 11;

    /** A Fetch v11+ consumer's metadata, for the replica selector. */
    private static ClientMetadata clientMetadata(RequestContext context, FetchRequest request) {
        return new ClientMetadata.DefaultClientMetadata(request.rackId(), context.clientId(),
                context.clientAddress(), context.principal(), context.listenerName());
    }

    /** A consumer fetch's answer as its version has it: leader hints from v12 (KIP-951), older error codes. */
    private FetchResponseData forClient(RequestContext context, FetchResponseData response) {
        short version = context.apiVersion();
        if (version >= 12) {
            LeaderHints.addTo(response, version, topics.image(), context.listenerName());
        } else if (version < FIRST_VERSION_KNOWING_STORAGE_ERROR) {
            response.responses().forEach(topic -> topic.partitions().forEach(partition ->
                    partition.setErrorCode(VersionedErrors.forVersion(ApiKeys.FETCH, version, partition.errorCode()))));
        }
        return response;
    }

    /** A follower's fetch: sessionless, read to the log end, parked until the log end or high watermark grows. */
    private CompletionStage<ResponseAction> handleFollower(FetchRequest request, Map<Uuid, String> names) {
        List<FetchTarget> targets = new ArrayList<>();
        request.fetchData(names).forEach((partition, params) -> targets.add(new FetchTarget(partition, params)));
        int replicaId = request.replicaId();
        long replicaEpoch = request.replicaEpoch();
        int maxBytes = request.maxBytes();
        List<PartitionRead> reads = followers.readAll(targets, replicaId, replicaEpoch, maxBytes, true);
        if (request.maxWait() <= 0 || targets.isEmpty() || satisfied(reads, request.minBytes())) {
            stats.follower(reads);
            followers.answered(replicaId, reads);
            return Responses.completed(FetchResponse.of(FetchResponses.of(FetchMetadata.INVALID_SESSION_ID, reads)));
        }
        CompletableFuture<ResponseAction> answer = new CompletableFuture<>();
        Set<TopicPartition> watched = new LinkedHashSet<>();
        targets.forEach(t -> {
            if (!t.topicUnknown()) {
                watched.add(t.partition().topicPartition());
            }
        });
        delayed.parkUntilLogEnd(watched, request.maxWait(),
                () -> followers.readAll(targets, replicaId, replicaEpoch, maxBytes, false),
                latest -> satisfied(latest, request.minBytes()),
                latest -> {
                    stats.follower(latest);
                    followers.answered(replicaId, latest);
                    answer.complete(ResponseAction.send(FetchResponse.of(
                            FetchResponses.of(FetchMetadata.INVALID_SESSION_ID, latest))));
                });
        return answer;
    }

    /** Topics of the session the principal may not READ (Kafka checks the session's partitions each time). */
    private Set<String> deniedTopics(RequestContext context, List<FetchTarget> targets) {
        if (!authorizer.enabled()) {
            return Set.of();
        }
        Set<String> denied = null;
        String last = null;
        boolean lastAllowed = true;
        for (FetchTarget target : targets) {
            String topic = target.partition().topic();
            if (topic == null) {
                continue;
            }
            if (!topic.equals(last)) { // a session lists a topic's partitions together: one check per topic
                last = topic;
                lastAllowed = authorizer.authorize(context, AclOperation.READ, ResourceType.TOPIC, topic);
            }
            if (!lastAllowed) {
                if (denied == null) {
                    denied = new HashSet<>();
                }
                denied.add(topic);
            }
        }
        return denied == null ? Set.of() : denied;
    }

    /** A follower fetch without CLUSTER_ACTION: every partition TOPIC_AUTHORIZATION_FAILED, as in Kafka. */
    private static List<PartitionRead> deniedFollowerReads(FetchRequest request, Map<Uuid, String> names) {
        List<PartitionRead> reads = new ArrayList<>();
        request.fetchData(names).forEach((partition, params) -> reads.add(LeaderReads.error(
                new FetchTarget(partition, params), new FetchResponseData.PartitionData()
                        .setPartitionIndex(partition.partition()), Errors.TOPIC_AUTHORIZATION_FAILED)));
        return reads;
    }

    private static boolean satisfied(List<PartitionRead> reads, int minBytes) {
        long bytes = 0;
        for (PartitionRead read : reads) {
            if (read.answerNow() || read.data().errorCode() != Errors.NONE.code()) {
                return true;
            }
            bytes += read.bytes();
        }
        return bytes >= minBytes;
    }

    /** Names for the topic ids a v13+ request uses; unknown ids are simply absent (reported per partition). */
    private Map<Uuid, String> topicNames(FetchRequestData data, boolean usesTopicIds) {
        if (!usesTopicIds) {
            return Map.of();
        }
        Map<Uuid, String> names = new HashMap<>();
        for (FetchRequestData.FetchTopic topic : data.topics()) {
            topics.byId(topic.topicId()).map(TopicImage::name).ifPresent(name -> names.put(topic.topicId(), name));
        }
        for (FetchRequestData.ForgottenTopic topic : data.forgottenTopicsData()) {
            topics.byId(topic.topicId()).map(TopicImage::name).ifPresent(name -> names.put(topic.topicId(), name));
        }
        return names;
    }
}
