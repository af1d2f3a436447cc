package io.tributary.broker;

import io.tributary.broker.controllerlistener.ControllerDescribeClusterHandler;
import io.tributary.broker.controllerlistener.MetadataFetchHandler;
import io.tributary.broker.controllerlistener.UpdateRaftVoterHandler;
import io.tributary.broker.api.SupportedApis;
import io.tributary.broker.apiversions.ApiVersionsHandler;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.controller.ControllerApiHandler;
import io.tributary.broker.controller.LocalController;
import io.tributary.metadata.log.CommittedLogReader;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.network.RequestHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.protocol.ApiKeys;

/** The controller listener's API table and handlers. */
public final class ControllerListenerApis {

    private final SupportedApis supported;
    private final RequestHandler handler;

    /**
     * @param controllerApis the node's controller API handler (the same one its broker listeners use, if any)
     * @param voters         every voter's id and controller listener address (the newest Raft configuration's),
     *                       for DescribeCluster and the metadata fetch's leader endpoint
     */
    public <L extends CommittedLogReader & MetadataLog> ControllerListenerApis(LocalController controller,
            ControllerApiHandler controllerApis, L log, Supplier<Map<Integer, InetSocketAddress>> voters,
            RequestAuthorizer authorizer) {
        this.supported = table();
        ApiRouter.Builder routes = ApiRouter.builder().authorizer(authorizer);
        CONTROLLER_APIS.forEach(api -> routes.routeSelfAuthorizing(api, controllerApis));
        this.handler = routes
                // kafka-features --bootstrap-controller describe: the features finalized in the controller's image.
                .route(ApiKeys.API_VERSIONS, new ApiVersionsHandler(supported,
                        () -> withKraftVersion(BrokerApis.advertisedFeatures(controller.image(), true), log),
                        () -> Math.max(0L, controller.image().offset())))
                .route(ApiKeys.DESCRIBE_CLUSTER, new ControllerDescribeClusterHandler(controller, voters))
                .routeSelfAuthorizing(ApiKeys.FETCH, new MetadataFetchHandler(log, voters, authorizer))
                .routeSelfAuthorizing(ApiKeys.UPDATE_RAFT_VOTER, new UpdateRaftVoterHandler(log,
                        () -> controller.image().clusterId(), voters, authorizer))
                .build();
    }

    /** KIP-853's kraft.version: supported 0-1, finalized as the quorum's voter set says (QuorumInfo). */
    private static List<ApiVersionsHandler.Feature> withKraftVersion(List<ApiVersionsHandler.Feature> features,
                                                                     MetadataLog log) {
        List<ApiVersionsHandler.Feature> all = new ArrayList<>(features);
        all.add(new ApiVersionsHandler.Feature(KRAFT_VERSION, (short) 0, (short) 1, log.describe().kraftVersion()));
        return all;
    }

    static final String KRAFT_VERSION = "kraft.version";

    private static final java.util.Set<ApiKeys> CONTROLLER_APIS = java.util.EnumSet.of(ApiKeys.CREATE_TOPICS,
            ApiKeys.DELETE_TOPICS, ApiKeys.CREATE_PARTITIONS, ApiKeys.ALTER_CONFIGS, ApiKeys.INCREMENTAL_ALTER_CONFIGS,
            ApiKeys.ELECT_LEADERS, ApiKeys.ALTER_PARTITION_REASSIGNMENTS, ApiKeys.LIST_PARTITION_REASSIGNMENTS,
            ApiKeys.DESCRIBE_QUORUM, ApiKeys.BROKER_REGISTRATION, ApiKeys.BROKER_HEARTBEAT, ApiKeys.ALTER_PARTITION,
            ApiKeys.ALLOCATE_PRODUCER_IDS, ApiKeys.ASSIGN_REPLICAS_TO_DIRS, ApiKeys.ALTER_USER_SCRAM_CREDENTIALS,
            ApiKeys.ALTER_CLIENT_QUOTAS, ApiKeys.UNREGISTER_BROKER, ApiKeys.UPDATE_FEATURES,
            ApiKeys.ADD_RAFT_VOTER, ApiKeys.REMOVE_RAFT_VOTER);

    /**
     * As a Kafka controller listener: the controller APIs, brokers' ones included, at the broker table's versions.
     * The metadata fetch is accepted but not advertised: it carries Tributary's metadata records, not Kafka's.
     */
    public static SupportedApis table() {
        return SupportedApis.builder()
                .add(ApiKeys.API_VERSIONS, 0, 4)
                .add(ApiKeys.DESCRIBE_CLUSTER, 1, 2)
                .add(ApiKeys.DESCRIBE_QUORUM, 0, 2)
                .add(ApiKeys.CREATE_TOPICS, 2, 7)
                .add(ApiKeys.DELETE_TOPICS, 1, 6)
                .add(ApiKeys.CREATE_PARTITIONS, 0, 3)
                .add(ApiKeys.ALTER_CONFIGS, 0, 2)
                .add(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 0, 1)
                .add(ApiKeys.ELECT_LEADERS, 0, 2)
                .add(ApiKeys.ALTER_PARTITION_REASSIGNMENTS, 0, 0)
                .add(ApiKeys.LIST_PARTITION_REASSIGNMENTS, 0, 0)
                .add(ApiKeys.ALTER_USER_SCRAM_CREDENTIALS, 0, 0)
                .add(ApiKeys.ALTER_CLIENT_QUOTAS, 0, 1)
                .add(ApiKeys.UNREGISTER_BROKER, 0, 0)
                .add(ApiKeys.UPDATE_FEATURES, 0, 2)
                // KIP-853; v1 (AckWhenCommitted=false: answer before the commit) is not offered.
                .add(ApiKeys.ADD_RAFT_VOTER, 0, 0)
                .add(ApiKeys.REMOVE_RAFT_VOTER, 0, 0)
                // Answered by this node's Raft quorum (the leader changes the voter's endpoint), never forwarded.
                .add(ApiKeys.UPDATE_RAFT_VOTER, 0, 0)
                .add(ApiKeys.BROKER_REGISTRATION, 0, 4)
                .add(ApiKeys.BROKER_HEARTBEAT, 0, 2)
                .add(ApiKeys.ALTER_PARTITION, 2, 3)
                .add(ApiKeys.ALLOCATE_PRODUCER_IDS, 0, 0)
                .add(ApiKeys.ASSIGN_REPLICAS_TO_DIRS, 0, 0)
                .addInternal(ApiKeys.FETCH, MetadataFetchHandler.MIN_VERSION, MetadataFetchHandler.MAX_VERSION)
                .build();
    }

    public SupportedApis supported() {
        return supported;
    }

    public RequestHandler handler() {
        return handler;
    }
}
