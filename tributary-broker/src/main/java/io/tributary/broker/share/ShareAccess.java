package io.tributary.broker.share;

import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.network.RequestContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACL checks of the share group APIs, as Kafka's: READ (or DESCRIBE, DELETE) on the group, then the operation
 * on each topic named. Without an authorizer every check passes and nothing is computed.
 */
final class ShareAccess {

    private final RequestAuthorizer authorizer;

    ShareAccess(RequestAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    boolean enabled() {
        return authorizer.enabled();
    }

    boolean group(RequestContext ctx, AclOperation operation, String groupId) {
        return authorizer.authorize(ctx, operation, ResourceType.GROUP, groupId);
    }

    boolean topic(RequestContext ctx, AclOperation operation, String topic) {
        return authorizer.authorize(ctx, operation, ResourceType.TOPIC, topic);
    }

    boolean clusterDescribe(RequestContext ctx) {
        return authorizer.authorizeCluster(ctx, AclOperation.DESCRIBE);
    }

    int authorizedOperations(RequestContext ctx, String groupId) {
        return authorizer.authorizedOperations(ctx, ResourceType.GROUP, groupId);
    }

    /**
     * The topics among the partitions' the principal may not do the operation on: one check per topic. Unknown
     * topics (no name) are left to the handler to report.
     */
    @SafeVarargs
    final Set<String> deniedTopics(RequestContext ctx, AclOperation operation,
                                   Iterable<TopicIdPartition>... partitions) {
        if (!authorizer.enabled()) {
            return Set.of();
        }
        Map<String, Boolean> allowed = new HashMap<>();
        for (Iterable<TopicIdPartition> group : partitions) {
            for (TopicIdPartition id : group) {
                String topic = id.topic();
                if (topic != null && !topic.isEmpty()) {
                    allowed.computeIfAbsent(topic, t -> topic(ctx, operation, t));
                }
            }
        }
        if (!allowed.containsValue(false)) {
            return Set.of();
        }
        allowed.values().removeIf(ok -> ok);
        return Set.copyOf(allowed.keySet());
    }
}
