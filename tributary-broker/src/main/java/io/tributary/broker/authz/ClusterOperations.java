package io.tributary.broker.authz;

import io.tributary.network.RequestContext;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The APIs Kafka authorizes as a whole against the CLUSTER resource, with the operation(s) it asks for (any one
 * suffices). Checked once, before the handler runs, by the router; a refusal is the request's own error response
 * with CLUSTER_AUTHORIZATION_FAILED. APIs whose checks are per topic, group or transactional id do them in their
 * handlers.
 */
public final class ClusterOperations {

    private static final Map<ApiKeys, AclOperation[]> RULES = new EnumMap<>(ApiKeys.class);

    static {
        // Node-to-node APIs.
        for (ApiKeys api : new ApiKeys[] {ApiKeys.BROKER_REGISTRATION, ApiKeys.BROKER_HEARTBEAT,
                ApiKeys.ALTER_PARTITION, ApiKeys.ALLOCATE_PRODUCER_IDS, ApiKeys.ASSIGN_REPLICAS_TO_DIRS,
                ApiKeys.INITIALIZE_SHARE_GROUP_STATE, ApiKeys.READ_SHARE_GROUP_STATE, ApiKeys.WRITE_SHARE_GROUP_STATE,
                ApiKeys.DELETE_SHARE_GROUP_STATE}) {
            RULES.put(api, new AclOperation[] {AclOperation.CLUSTER_ACTION});
        }
        RULES.put(ApiKeys.WRITE_TXN_MARKERS, new AclOperation[] {AclOperation.ALTER, AclOperation.CLUSTER_ACTION});
        for (ApiKeys api : new ApiKeys[] {ApiKeys.ELECT_LEADERS, ApiKeys.ALTER_PARTITION_REASSIGNMENTS,
                ApiKeys.CREATE_ACLS, ApiKeys.DELETE_ACLS, ApiKeys.UNREGISTER_BROKER,
                ApiKeys.UPDATE_FEATURES, ApiKeys.ADD_RAFT_VOTER, ApiKeys.REMOVE_RAFT_VOTER}) {
            RULES.put(api, new AclOperation[] {AclOperation.ALTER});
        }
        for (ApiKeys api : new ApiKeys[] {ApiKeys.LIST_PARTITION_REASSIGNMENTS, ApiKeys.DESCRIBE_QUORUM,
                ApiKeys.DESCRIBE_ACLS, ApiKeys.DESCRIBE_LOG_DIRS}) {
            RULES.put(api, new AclOperation[] {AclOperation.DESCRIBE});
        }
        // SCRAM users and client quotas: Kafka asks the cluster resource for both reading and changing them.
        RULES.put(ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS, new AclOperation[] {AclOperation.DESCRIBE});
        RULES.put(ApiKeys.ALTER_USER_SCRAM_CREDENTIALS, new AclOperation[] {AclOperation.ALTER});
        RULES.put(ApiKeys.DESCRIBE_CLIENT_QUOTAS, new AclOperation[] {AclOperation.DESCRIBE_CONFIGS});
        RULES.put(ApiKeys.ALTER_CLIENT_QUOTAS, new AclOperation[] {AclOperation.ALTER_CONFIGS});
    }

    private ClusterOperations() {
    }

    /** Whether the request passes its API's cluster rule (true for APIs without one, and without authorizer). */
    public static boolean allowed(RequestAuthorizer authorizer, RequestContext context) {
        if (!authorizer.enabled()) {
            return true;
        }
        AclOperation[] operations = RULES.get(context.apiKey());
        if (operations == null) {
            return true;
        }
        for (AclOperation operation : operations) {
            if (authorizer.authorizeCluster(context, operation)) {
                return true;
            }
        }
        return false;
    }
}
