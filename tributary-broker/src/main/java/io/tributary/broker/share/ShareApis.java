package io.tributary.broker.share;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.cluster.ClusterView;
import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.coordinator.share.ShareGroupCoordinator;
import io.tributary.coordinator.share.ShareStatePersister;
import org.apache.kafka.common.requests.AlterShareGroupOffsetsRequest;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteShareGroupOffsetsRequest;
import org.apache.kafka.common.requests.DescribeShareGroupOffsetsRequest;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ShareAcknowledgeRequest;
import org.apache.kafka.common.requests.ShareFetchRequest;
import org.apache.kafka.common.requests.ShareGroupDescribeRequest;
import org.apache.kafka.common.requests.ShareGroupHeartbeatRequest;
import org.apache.kafka.common.utils.Time;

/** The share group APIs (KIP-932) of this broker, built over its share coordinators and partitions. */
public final class ShareApis {

    /** Share sessions unused this long may be dropped to make room for new ones. */
    private static final long IDLE_SESSION_MS = 120_000;

    private final ShareGroupCoordinator coordinator;
    private final ShareStatePersister persister;
    private final SharePartitionManager manager;
    private final PartitionManager partitions;
    private final TopicLookup topics;
    private final InternalTopics internalTopics;
    private final Time time;
    private final SharePartitions shares;
    private final ShareSessionCache sessions;
    private final ShareAcknowledgements acknowledgements;
    private final ShareGroupHandlers groups;
    private final ShareOffsetHandlers offsets;
    private final ShareFetchHandler fetch;
    private final ShareAcknowledgeHandler acknowledge;

    /** Without an authorizer ({@link #withAuthorizer} for a broker with one). */
    public ShareApis(ShareGroupCoordinator coordinator, ShareStatePersister persister, SharePartitionManager manager,
                     PartitionManager partitions, TopicLookup topics, ClusterView cluster,
                     InternalTopics internalTopics, Time time) {
        this(coordinator, persister, manager, partitions, topics, internalTopics, time,
                new SharePartitions(manager, partitions, topics, cluster),
                new ShareSessionCache(manager.limits().maxShareSessions(), IDLE_SESSION_MS), RequestAuthorizer.NONE);
    }

    private ShareApis(ShareGroupCoordinator coordinator, ShareStatePersister persister, SharePartitionManager manager,
                      PartitionManager partitions, TopicLookup topics, InternalTopics internalTopics, Time time,
                      SharePartitions shares, ShareSessionCache sessions, RequestAuthorizer authorizer) {
        this.coordinator = coordinator;
        this.persister = persister;
        this.manager = manager;
        this.partitions = partitions;
        this.topics = topics;
        this.internalTopics = internalTopics;
        this.time = time;
        this.shares = shares;
        this.sessions = sessions;
        this.acknowledgements = new ShareAcknowledgements(shares);
        ShareAccess access = new ShareAccess(authorizer);
        this.groups = new ShareGroupHandlers(coordinator, persister, manager, internalTopics, topics, access);
        this.offsets = new ShareOffsetHandlers(coordinator, persister, manager, partitions, topics, access);
        this.fetch = new ShareFetchHandler(shares, sessions, acknowledgements, time, access);
        this.acknowledge = new ShareAcknowledgeHandler(shares, sessions, acknowledgements, time, access);
    }

    /**
     * The same share APIs (same sessions, partitions and coordinator) checking ACLs as Kafka's: READ on the group
     * and on the topics to consume, DESCRIBE to describe, DELETE to delete.
     */
    public ShareApis withAuthorizer(RequestAuthorizer authorizer) {
        return new ShareApis(coordinator, persister, manager, partitions, topics, internalTopics, time, shares,
                sessions, authorizer);
    }

    public ApiHandler<ShareGroupHeartbeatRequest> heartbeat() {
        return groups.heartbeat();
    }

    public ApiHandler<ShareGroupDescribeRequest> describe() {
        return groups.describe();
    }

    public ApiHandler<ShareFetchRequest> fetch() {
        return fetch;
    }

    public ApiHandler<ShareAcknowledgeRequest> acknowledge() {
        return acknowledge;
    }

    public ApiHandler<DescribeShareGroupOffsetsRequest> describeOffsets() {
        return offsets.describe();
    }

    public ApiHandler<AlterShareGroupOffsetsRequest> alterOffsets() {
        return offsets.alter();
    }

    public ApiHandler<DeleteShareGroupOffsetsRequest> deleteOffsets() {
        return offsets.delete(groups);
    }

    /** ListGroups for consumer and share groups, around the consumer groups' handler. */
    public ApiHandler<ListGroupsRequest> listGroups(ApiHandler<ListGroupsRequest> consumerGroups) {
        return groups.listGroups(consumerGroups);
    }

    /** DeleteGroups for consumer and share groups, around the consumer groups' handler. */
    public ApiHandler<DeleteGroupsRequest> deleteGroups(ApiHandler<DeleteGroupsRequest> consumerGroups) {
        return groups.deleteGroups(consumerGroups);
    }
}
