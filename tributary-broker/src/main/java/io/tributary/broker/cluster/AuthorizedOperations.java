package io.tributary.broker.cluster;

import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.network.RequestContext;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/** Authorized-operation bit fields (KIP-430) of the cluster resource, as Metadata and DescribeCluster fill them. */
public final class AuthorizedOperations {

    public static final int NOT_REQUESTED = Integer.MIN_VALUE;

    private AuthorizedOperations() {
    }

    /** Not requested: the schema's default; requested without DESCRIBE on the cluster: none (0), as Kafka. */
    static int cluster(RequestContext context, RequestAuthorizer authorizer, boolean requested) {
        if (!requested) {
            return NOT_REQUESTED;
        }
        return authorizer.authorizeCluster(context, AclOperation.DESCRIBE)
                ? authorizer.authorizedOperations(context, ResourceType.CLUSTER, RequestAuthorizer.CLUSTER_NAME)
                : 0;
    }
}
