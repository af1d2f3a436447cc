package io.tributary.broker;

import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.metadata.image.TopicImage;
import java.util.ArrayList;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.Features;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import io.tributary.broker.api.SupportedApis;
import io.tributary.broker.apiversions.ApiVersionsHandler;
import io.tributary.broker.cluster.ClusterView;
import io.tributary.broker.cluster.DescribeClusterHandler;
import io.tributary.broker.cluster.DescribeTopicPartitionsHandler;
import io.tributary.broker.cluster.MetadataHandler;
import io.tributary.broker.cluster.TopicAutoCreator;
import io.tributary.broker.controller.ControllerApiHandler;
import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.controller.LocalController;
import io.tributary.broker.configs.DescribeConfigsHandler;
import io.tributary.broker.scram.DescribeUserScramCredentialsHandler;
import io.tributary.broker.fetch.DelayedFetches;
import io.tributary.broker.group.FindCoordinatorHandler;
import io.tributary.broker.logdirs.DescribeLogDirsHandler;
import io.tributary.broker.group.GroupHandlers;
import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.fetch.FetchHandler;
import io.tributary.broker.fetch.FetchSessionCache;
import io.tributary.broker.fetch.PreferredReadReplicas;
import io.tributary.broker.offsets.DeleteRecordsHandler;
import io.tributary.broker.offsets.ListOffsetsHandler;
import io.tributary.broker.offsets.OffsetForLeaderEpochHandler;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.broker.produce.ProduceHandler;
import io.tributary.broker.quota.ClientQuotas;
import io.tributary.broker.quota.DescribeClientQuotasHandler;
import io.tributary.broker.quota.QuotaEnforcer;
import io.tributary.broker.share.ShareApis;
import io.tributary.broker.share.ShareStateHandlers;
import io.tributary.broker.producer.DescribeProducersHandler;
import io.tributary.broker.producer.InitProducerIdHandler;
import io.tributary.broker.producer.ProducerIdSource;
import io.tributary.broker.transaction.CoordinatorTransactionVerifier;
import io.tributary.broker.transaction.TransactionHandlers;
import io.tributary.broker.api.TransactionVerifier;
import io.tributary.broker.transaction.WriteTxnMarkersHandler;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.runtime.PartitionedCoordinator;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metrics.BrokerTopicStats;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.network.RequestHandler;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The broker's API table: which Kafka APIs it speaks, at which versions, and the handler of each. An API is
 * listed here only when it works as Kafka specifies.
 */
public final class BrokerApis {

    private final SupportedApis supported;
    private final ApiRouter router;
    private final RequestHandler handler;

    /** The parts of a broker that request handlers work on. */
    public record Components(ClusterView cluster, Controller controller, TopicLookup topics,
                             ConfigDescriber configs, PartitionManager partitions, DelayedFetches delayedFetches,
                             FetchSessionCache fetchSessions, ProducerIdSource producerIds,
                             boolean autoCreateTopics, TopicAutoCreator autoCreator,
                             GroupCoordinator groupCoordinator, TransactionCoordinator transactionCoordinator,
                             InternalTopics internalTopics, List<Path> logDirs, Shares shares,
                             TransactionVerification transactionVerification) {

        /** With KIP-890 verification against the local transaction coordinator only (a single node). */
        public Components(ClusterView cluster, Controller controller, TopicLookup topics,
                          ConfigDescriber configs, PartitionManager partitions, DelayedFetches delayedFetches,
                          FetchSessionCache fetchSessions, ProducerIdSource producerIds,
                          boolean autoCreateTopics, TopicAutoCreator autoCreator,
                          GroupCoordinator groupCoordinator, TransactionCoordinator transactionCoordinator,
                          InternalTopics internalTopics, List<Path> logDirs, Shares shares) {
            this(cluster, controller, topics, configs, partitions, delayedFetches, fetchSessions, producerIds,
                    autoCreateTopics, autoCreator, groupCoordinator, transactionCoordinator, internalTopics, logDirs,
                    shares, TransactionVerification.local(transactionCoordinator));
        }

        /** Without share groups. */
        public Components(ClusterView cluster, Controller controller, TopicLookup topics,
                          ConfigDescriber configs, PartitionManager partitions, DelayedFetches delayedFetches,
                          FetchSessionCache fetchSessions, ProducerIdSource producerIds,
                          boolean autoCreateTopics, TopicAutoCreator autoCreator,
                          GroupCoordinator groupCoordinator, TransactionCoordinator transactionCoordinator,
                          InternalTopics internalTopics, List<Path> logDirs) {
            this(cluster, controller, topics, configs, partitions, delayedFetches, fetchSessions, producerIds,
                    autoCreateTopics, autoCreator, groupCoordinator, transactionCoordinator, internalTopics, logDirs,
                    null);
        }
    }

    /**
     * KIP-890: how partition leaders reach transaction coordinators, and whether part 1's verification is on
     * ({@code transaction.partition.verification.enable}). The transaction.version advertised is a finalized
     * feature of the metadata image ({@link Features}).
     */
    public record TransactionVerification(TransactionVerifier verifier, BooleanSupplier enabled) {

        public static TransactionVerification local(TransactionCoordinator coordinator) {
            return new TransactionVerification(new CoordinatorTransactionVerifier(coordinator), () -> true);
        }
    }

    /** Share groups (KIP-932): their APIs and the share coordinator FindCoordinator's SHARE key type finds. */
    public record Shares(ShareApis apis, PartitionedCoordinator stateCoordinator, ShareStateHandlers stateApis) {
    }

    /**
     * The features advertised in ApiVersions: what this node supports and the level the image finalizes each at
     * (transaction.version 2 unless downgraded with kafka-features, so that Kafka 4 producers use KIP-890 part 2;
     * share.version only where share groups are on).
     */
    public static List<ApiVersionsHandler.Feature> advertisedFeatures(MetadataImage image, boolean shareGroups) {
        List<ApiVersionsHandler.Feature> features = new ArrayList<>();
        for (Features.Supported supported : Features.SUPPORTED.values()) {
            if (shareGroups || !supported.name().equals("share.version")) {
                features.add(new ApiVersionsHandler.Feature(supported.name(), supported.minVersion(),
                        supported.maxVersion(), Features.finalizedLevel(image, supported)));
            }
        }
        return features;
    }

    /** How requests reach the metadata controller: this node's own, and the channel to the active one. */
    public record Controller(LocalController local, ControllerChannel channel) {
    }

    /**
     * Whether the active controller answers {@code api} (a broker forwards it through its controller channel).
     * These are served as soon as the controller runs, before this node's broker side is ready.
     */
    public static boolean isControllerApi(ApiKeys api) {
        return CONTROLLER_APIS.contains(api);
    }

    /** APIs the active controller answers; a broker forwards them through its controller channel. */
    private static final Set<ApiKeys> CONTROLLER_APIS = EnumSet.of(ApiKeys.CREATE_TOPICS, ApiKeys.DELETE_TOPICS,
            ApiKeys.CREATE_PARTITIONS, ApiKeys.ALTER_CONFIGS, ApiKeys.INCREMENTAL_ALTER_CONFIGS,
            ApiKeys.ELECT_LEADERS, ApiKeys.ALTER_PARTITION_REASSIGNMENTS, ApiKeys.LIST_PARTITION_REASSIGNMENTS,
            ApiKeys.DESCRIBE_QUORUM, ApiKeys.BROKER_REGISTRATION, ApiKeys.BROKER_HEARTBEAT,
            ApiKeys.ALTER_PARTITION, ApiKeys.ALLOCATE_PRODUCER_IDS, ApiKeys.ASSIGN_REPLICAS_TO_DIRS,
            ApiKeys.ALTER_USER_SCRAM_CREDENTIALS, ApiKeys.ALTER_CLIENT_QUOTAS, ApiKeys.UNREGISTER_BROKER,
            ApiKeys.UPDATE_FEATURES, ApiKeys.ADD_RAFT_VOTER, ApiKeys.REMOVE_RAFT_VOTER);

    /** The versions advertised in ApiVersions; the network refuses anything else. */
    public static SupportedApis table() {
        return tableBuilder().build();
    }

    /** The table with the share group APIs (KIP-932) at the versions Kafka 4.2/4.3 speak. */
    public static SupportedApis tableWithShareGroups() {
        return tableBuilder()
                .add(ApiKeys.SHARE_GROUP_HEARTBEAT, 1, 1)
                .add(ApiKeys.SHARE_GROUP_DESCRIBE, 1, 1)
                .add(ApiKeys.SHARE_FETCH, 1, 2)
                .add(ApiKeys.SHARE_ACKNOWLEDGE, 1, 2)
                .add(ApiKeys.DESCRIBE_SHARE_GROUP_OFFSETS, 0, 1)
                .add(ApiKeys.ALTER_SHARE_GROUP_OFFSETS, 0, 0)
                .add(ApiKeys.DELETE_SHARE_GROUP_OFFSETS, 0, 0)
                // Between Tributary nodes: share-partition leaders and the share coordinator.
                .addInternal(ApiKeys.INITIALIZE_SHARE_GROUP_STATE, 0, 0)
                .addInternal(ApiKeys.READ_SHARE_GROUP_STATE, 0, 0)
                .addInternal(ApiKeys.WRITE_SHARE_GROUP_STATE, 0, 0)
                .addInternal(ApiKeys.DELETE_SHARE_GROUP_STATE, 0, 0)
                .build();
    }

    private static SupportedApis.Builder tableBuilder() {
        return SupportedApis.builder()
                .add(ApiKeys.API_VERSIONS, 0, 4)
                .add(ApiKeys.METADATA, 0, 13)
                .add(ApiKeys.PRODUCE, 3, 13)
                .add(ApiKeys.FETCH, 4, 18)
                .add(ApiKeys.LIST_OFFSETS, 1, 11)
                .add(ApiKeys.CREATE_TOPICS, 2, 7)
                .add(ApiKeys.DELETE_TOPICS, 1, 6)
                .add(ApiKeys.CREATE_PARTITIONS, 0, 3)
                .add(ApiKeys.DESCRIBE_CONFIGS, 1, 4)
                .add(ApiKeys.ALTER_CONFIGS, 0, 2)
                .add(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 0, 1)
                .add(ApiKeys.DESCRIBE_CLUSTER, 0, 2)
                .add(ApiKeys.DESCRIBE_TOPIC_PARTITIONS, 0, 0)
                .add(ApiKeys.DELETE_RECORDS, 0, 2)
                .add(ApiKeys.OFFSET_FOR_LEADER_EPOCH, 2, 4)
                .add(ApiKeys.INIT_PRODUCER_ID, 0, 5)
                .add(ApiKeys.DESCRIBE_PRODUCERS, 0, 0)
                .add(ApiKeys.DESCRIBE_LOG_DIRS, 1, 4)
                .add(ApiKeys.ELECT_LEADERS, 0, 2)
                .add(ApiKeys.DESCRIBE_ACLS, 1, 3)
                .add(ApiKeys.CREATE_ACLS, 1, 3)
                .add(ApiKeys.DELETE_ACLS, 1, 3)
                .add(ApiKeys.FIND_COORDINATOR, 0, 6)
                .add(ApiKeys.JOIN_GROUP, 0, 9)
                .add(ApiKeys.SYNC_GROUP, 0, 5)
                .add(ApiKeys.HEARTBEAT, 0, 4)
                .add(ApiKeys.LEAVE_GROUP, 0, 5)
                .add(ApiKeys.OFFSET_COMMIT, 2, 10)
                .add(ApiKeys.OFFSET_FETCH, 1, 10)
                .add(ApiKeys.OFFSET_DELETE, 0, 0)
                .add(ApiKeys.DESCRIBE_GROUPS, 0, 6)
                .add(ApiKeys.LIST_GROUPS, 0, 5)
                .add(ApiKeys.DELETE_GROUPS, 0, 2)
                // v4+ is sent by partition leaders (KIP-890), v5 and EndTxn v5 belong to transaction version 2
                .add(ApiKeys.ADD_PARTITIONS_TO_TXN, 0, 5)
                .add(ApiKeys.ADD_OFFSETS_TO_TXN, 0, 4)
                .add(ApiKeys.END_TXN, 0, 5)
                .add(ApiKeys.TXN_OFFSET_COMMIT, 0, 5)
                .add(ApiKeys.DESCRIBE_TRANSACTIONS, 0, 0)
                .add(ApiKeys.LIST_TRANSACTIONS, 0, 2)
                .add(ApiKeys.CONSUMER_GROUP_HEARTBEAT, 0, 1)
                .add(ApiKeys.CONSUMER_GROUP_DESCRIBE, 0, 1)
                .add(ApiKeys.ALTER_PARTITION_REASSIGNMENTS, 0, 0)
                .add(ApiKeys.LIST_PARTITION_REASSIGNMENTS, 0, 0)
                .add(ApiKeys.DESCRIBE_QUORUM, 0, 2)
                .add(ApiKeys.UNREGISTER_BROKER, 0, 0)
                .add(ApiKeys.UPDATE_FEATURES, 0, 2)
                // KIP-853, forwarded to the active controller (which leads the Raft quorum); v0 only, see
                // ControllerListenerApis
                .add(ApiKeys.ADD_RAFT_VOTER, 0, 0)
                .add(ApiKeys.REMOVE_RAFT_VOTER, 0, 0)
                .add(ApiKeys.WRITE_TXN_MARKERS, 1, 2)
                // Answered by the network layer (io.tributary.network.ConnectionAuthenticator), never routed here.
                // SaslHandshake v0 is followed by raw SASL tokens, v1 by SaslAuthenticate; librdkafka needs v0 listed.
                .add(ApiKeys.SASL_HANDSHAKE, 0, 1)
                .add(ApiKeys.SASL_AUTHENTICATE, 0, 2)
                .add(ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS, 0, 0)
                .add(ApiKeys.ALTER_USER_SCRAM_CREDENTIALS, 0, 0)
                .add(ApiKeys.DESCRIBE_CLIENT_QUOTAS, 0, 1)
                .add(ApiKeys.ALTER_CLIENT_QUOTAS, 0, 1)
                // Sent by other nodes of the cluster only.
                .addInternal(ApiKeys.BROKER_REGISTRATION, 0, 4)
                .addInternal(ApiKeys.BROKER_HEARTBEAT, 0, 2)
                .addInternal(ApiKeys.ALTER_PARTITION, 2, 3)
                .addInternal(ApiKeys.ALLOCATE_PRODUCER_IDS, 0, 0)
                .addInternal(ApiKeys.ASSIGN_REPLICAS_TO_DIRS, 0, 0);
    }

    public BrokerApis(SupportedApis supported, Components c) {
        this(supported, c, null, RequestAuthorizer.NONE);
    }

    /** With {@code quotas}, client quotas are enforced around every handler ({@link QuotaEnforcer}). */
    public BrokerApis(SupportedApis supported, Components c, ClientQuotas quotas) {
        this(supported, c, quotas, RequestAuthorizer.NONE);
    }

    /** @param authz the authorizer every handler asks ({@link RequestAuthorizer#NONE}: no authorizer) */
    public BrokerApis(SupportedApis supported, Components c, RequestAuthorizer authz) {
        this(supported, c, null, authz);
    }

    /**
     * @param quotas client quotas enforced around every handler ({@link QuotaEnforcer}); null for none
     * @param authz  the authorizer every handler asks ({@link RequestAuthorizer#NONE}: no authorizer)
     */
    public BrokerApis(SupportedApis supported, Components c, ClientQuotas quotas, RequestAuthorizer authz) {
        this(supported, c, quotas, authz, BrokerTopicStats.detached());
    }

    /** @param topicStats the broker's {@code BrokerTopicMetrics}, which produce and fetch count into */
    public BrokerApis(SupportedApis supported, Components c, ClientQuotas quotas, RequestAuthorizer authz,
                      BrokerTopicStats topicStats) {
        this(supported, c, quotas, authz, topicStats, PreferredReadReplicas.NONE);
    }

    /** @param readReplicas the {@code replica.selector.class} a leader asks where a consumer should read (KIP-392) */
    public BrokerApis(SupportedApis supported, Components c, ClientQuotas quotas, RequestAuthorizer authz,
                      BrokerTopicStats topicStats, PreferredReadReplicas readReplicas) {
        this.supported = supported;
        Function<Uuid, String> topicNames = id -> c.topics().byId(id).map(TopicImage::name).orElse(null);
        GroupHandlers groups = new GroupHandlers(c.groupCoordinator(), authz, topicNames);
        TransactionHandlers transactions = new TransactionHandlers(c.transactionCoordinator(), c.groupCoordinator(),
                c.topics(), authz, c.transactionVerification().verifier(), c.transactionVerification().enabled());
        ApiRouter.Builder routes = ApiRouter.builder().authorizer(authz);
        ControllerApiHandler controllerApis = new ControllerApiHandler(c.controller().local(),
                c.controller().channel(), authz, topicNames);
        CONTROLLER_APIS.forEach(api -> routes.routeSelfAuthorizing(api, controllerApis));
        AclRoutes.add(routes, authz, controllerApis);
        ShareApis share = c.shares() == null ? null : c.shares().apis().withAuthorizer(authz);
        if (share != null) {
            routes.route(ApiKeys.SHARE_GROUP_HEARTBEAT, share.heartbeat())
                    .route(ApiKeys.SHARE_GROUP_DESCRIBE, share.describe())
                    .route(ApiKeys.SHARE_FETCH, share.fetch())
                    .route(ApiKeys.SHARE_ACKNOWLEDGE, share.acknowledge())
                    .route(ApiKeys.DESCRIBE_SHARE_GROUP_OFFSETS, share.describeOffsets())
                    .route(ApiKeys.ALTER_SHARE_GROUP_OFFSETS, share.alterOffsets())
                    .route(ApiKeys.DELETE_SHARE_GROUP_OFFSETS, share.deleteOffsets())
                    .route(ApiKeys.INITIALIZE_SHARE_GROUP_STATE, c.shares().stateApis().initialize())
                    .route(ApiKeys.READ_SHARE_GROUP_STATE, c.shares().stateApis().read())
                    .route(ApiKeys.WRITE_SHARE_GROUP_STATE, c.shares().stateApis().write())
                    .route(ApiKeys.DELETE_SHARE_GROUP_STATE, c.shares().stateApis().delete());
        }
        this.router = routes
                .route(ApiKeys.API_VERSIONS, new ApiVersionsHandler(supported,
                        () -> advertisedFeatures(c.topics().image(), c.shares() != null),
                        // Kafka 4 clients read the features only when their epoch is above -1.
                        () -> Math.max(0L, c.topics().image().offset())))
                .route(ApiKeys.METADATA, new MetadataHandler(c.cluster(), c.topics(), c.autoCreateTopics(),
                        c.autoCreator(), authz))
                .route(ApiKeys.PRODUCE, new ProduceHandler(c.partitions(), c.topics(), authz, topicStats,
                        c.transactionVerification().verifier(), c.transactionVerification().enabled()))
                .route(ApiKeys.FETCH, new FetchHandler(c.topics(), c.fetchSessions(), c.partitions(),
                        c.delayedFetches(), authz, topicStats, readReplicas))
                .route(ApiKeys.LIST_OFFSETS, new ListOffsetsHandler(c.partitions(), authz))
                .route(ApiKeys.DESCRIBE_CONFIGS, new DescribeConfigsHandler(c.configs(), c.topics()::image, authz))
                .route(ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS,
                        new DescribeUserScramCredentialsHandler(c.topics()::image))
                .route(ApiKeys.DESCRIBE_CLUSTER, new DescribeClusterHandler(c.cluster(), authz))
                .route(ApiKeys.DESCRIBE_TOPIC_PARTITIONS, new DescribeTopicPartitionsHandler(c.cluster(), c.topics(),
                        c.configs(), authz))
                .route(ApiKeys.DELETE_RECORDS, new DeleteRecordsHandler(c.partitions(), authz))
                .route(ApiKeys.OFFSET_FOR_LEADER_EPOCH, new OffsetForLeaderEpochHandler(c.partitions(), authz))
                .route(ApiKeys.INIT_PRODUCER_ID, new InitProducerIdHandler(c.producerIds(),
                        c.transactionCoordinator(), authz))
                .route(ApiKeys.DESCRIBE_PRODUCERS, new DescribeProducersHandler(c.partitions(), authz))
                .route(ApiKeys.DESCRIBE_LOG_DIRS, new DescribeLogDirsHandler(c.logDirs(), c.partitions()))
                .route(ApiKeys.FIND_COORDINATOR, new FindCoordinatorHandler(c.groupCoordinator(),
                        c.transactionCoordinator(), c.shares() == null ? null : c.shares().stateCoordinator(),
                        c.internalTopics(), c.cluster(), c.topics(), authz))
                .route(ApiKeys.JOIN_GROUP, groups.joinGroup())
                .route(ApiKeys.SYNC_GROUP, groups.syncGroup())
                .route(ApiKeys.HEARTBEAT, groups.heartbeat())
                .route(ApiKeys.LEAVE_GROUP, groups.leaveGroup())
                .route(ApiKeys.OFFSET_COMMIT, groups.offsetCommit())
                .route(ApiKeys.OFFSET_FETCH, groups.offsetFetch())
                .route(ApiKeys.OFFSET_DELETE, groups.offsetDelete())
                .route(ApiKeys.DESCRIBE_GROUPS, groups.describeGroups())
                .route(ApiKeys.LIST_GROUPS, c.shares() == null ? groups.listGroups()
                        : share.listGroups(groups.listGroups()))
                .route(ApiKeys.DELETE_GROUPS, c.shares() == null ? groups.deleteGroups()
                        : share.deleteGroups(groups.deleteGroups()))
                .route(ApiKeys.CONSUMER_GROUP_HEARTBEAT, groups.consumerGroupHeartbeat())
                .route(ApiKeys.CONSUMER_GROUP_DESCRIBE, groups.consumerGroupDescribe())
                .route(ApiKeys.ADD_PARTITIONS_TO_TXN, transactions.addPartitionsToTxn())
                .route(ApiKeys.ADD_OFFSETS_TO_TXN, transactions.addOffsetsToTxn())
                .route(ApiKeys.END_TXN, transactions.endTxn())
                .route(ApiKeys.TXN_OFFSET_COMMIT, transactions.txnOffsetCommit())
                .route(ApiKeys.DESCRIBE_TRANSACTIONS, transactions.describeTransactions())
                .route(ApiKeys.LIST_TRANSACTIONS, transactions.listTransactions())
                .route(ApiKeys.WRITE_TXN_MARKERS, new WriteTxnMarkersHandler(c.partitions(), c.groupCoordinator()))
                .route(ApiKeys.DESCRIBE_CLIENT_QUOTAS, new DescribeClientQuotasHandler(c.topics()::image))
                .build();
        this.handler = quotas == null ? router : new QuotaEnforcer(router, quotas, c.topics()::image);
    }

    public SupportedApis supported() {
        return supported;
    }

    public ApiRouter router() {
        return router;
    }

    /** What the network calls: the router, behind the quota enforcer when quotas are on. */
    public RequestHandler handler() {
        return handler;
    }
}
