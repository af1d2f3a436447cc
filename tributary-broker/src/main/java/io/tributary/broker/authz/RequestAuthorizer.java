package io.tributary.broker.authz;

import io.tributary.network.RequestContext;
import java.util.List;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.Utils;

/**
 * What request handlers ask before they act: may this request's principal, from its host, do this operation on
 * this resource? {@link #NONE} is a broker without {@code authorizer.class.name}: everything is allowed and the
 * ACL APIs answer SECURITY_DISABLED, as in Kafka.
 */
public interface RequestAuthorizer {

    /** Kafka's only name of the CLUSTER resource. */
    String CLUSTER_NAME = "kafka-cluster";

    /** No authorizer configured. */
    RequestAuthorizer NONE = new RequestAuthorizer() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public boolean authorize(RequestContext context, AclOperation operation, ResourceType type, String name) {
            return true;
        }

        @Override
        public boolean authorizeByResourceType(RequestContext context, AclOperation operation, ResourceType type) {
            return true;
        }

        @Override
        public List<AclBinding> acls(AclBindingFilter filter) {
            throw new IllegalStateException("No authorizer is configured");
        }
    };

    /** Whether an authorizer is configured (false: every check passes). */
    boolean enabled();

    boolean authorize(RequestContext context, AclOperation operation, ResourceType type, String name);

    /** Whether the principal may do the operation on at least one resource of the type (Kafka's KIP-679 check). */
    boolean authorizeByResourceType(RequestContext context, AclOperation operation, ResourceType type);

    /** The ACLs matching {@code filter} (DescribeAcls). */
    List<AclBinding> acls(AclBindingFilter filter);

    default boolean authorizeCluster(RequestContext context, AclOperation operation) {
        return authorize(context, operation, ResourceType.CLUSTER, CLUSTER_NAME);
    }

    /** KIP-430's bit field of the operations allowed on the resource, among those the resource type supports. */
    default int authorizedOperations(RequestContext context, ResourceType type, String name) {
        int bits = 0;
        for (AclOperation operation : SupportedOperations.of(type)) {
            if (authorize(context, operation, type, name)) {
                bits |= 1 << operation.code();
            }
        }
        return bits;
    }

    /** The same bit field as {@link Utils#to32BitField} builds. */
    static int bitsOf(Iterable<AclOperation> operations) {
        int bits = 0;
        for (AclOperation operation : operations) {
            bits |= 1 << operation.code();
        }
        return bits;
    }
}
