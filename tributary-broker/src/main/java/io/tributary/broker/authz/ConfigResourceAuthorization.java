package io.tributary.broker.authz;

import io.tributary.network.RequestContext;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Which ACL resource a config resource is checked against, as Kafka's config APIs do: a topic's configs against
 * the topic, a group's against the group, broker, broker-logger and client-metrics configs against the cluster.
 */
public final class ConfigResourceAuthorization {

    private ConfigResourceAuthorization() {
    }

    /**
     * The error to answer when the principal may not do {@code operation} (DESCRIBE_CONFIGS or ALTER_CONFIGS) on
     * the config resource, or {@link Errors#NONE}; an unknown resource type is the handler's to refuse.
     */
    public static Errors check(RequestAuthorizer authorizer, RequestContext context, byte configResourceType,
                               String name, AclOperation operation) {
        if (!authorizer.enabled()) {
            return Errors.NONE;
        }
        return switch (ConfigResource.Type.forId(configResourceType)) {
            case TOPIC -> authorizer.authorize(context, operation, ResourceType.TOPIC, name) ? Errors.NONE
                    : Errors.TOPIC_AUTHORIZATION_FAILED;
            case GROUP -> authorizer.authorize(context, operation, ResourceType.GROUP, name) ? Errors.NONE
                    : Errors.GROUP_AUTHORIZATION_FAILED;
            case BROKER, BROKER_LOGGER, CLIENT_METRICS -> authorizer.authorizeCluster(context, operation) ? Errors.NONE
                    : Errors.CLUSTER_AUTHORIZATION_FAILED;
            default -> Errors.NONE;
        };
    }
}
