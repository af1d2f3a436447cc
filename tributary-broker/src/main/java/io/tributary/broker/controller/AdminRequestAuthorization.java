package io.tributary.broker.controller;

import io.tributary.broker.authz.ConfigResourceAuthorization;
import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import io.tributary.network.RequestContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The per-resource checks of the controller's admin APIs, done where the client's principal is known (the broker it
 * asked) before the request goes to the controller: CreateTopics needs CREATE on the cluster or on each topic,
 * DeleteTopics DELETE on each topic (and DESCRIBE to name it by id), CreatePartitions ALTER on each topic,
 * AlterConfigs and IncrementalAlterConfigs ALTER_CONFIGS on each resource (the cluster for broker configs). The
 * refused resources are answered with their authorization error; the rest travel on.
 */
final class AdminRequestAuthorization {

    private static final String FAILED = "Authorization failed.";

    /**
     * @param allowed the request to send on, or null when nothing is left to send
     * @param merge   adds the refused topics to the controller's response (or builds it when nothing was sent)
     */
    record Split(AbstractRequest allowed, UnaryOperator<AbstractResponse> merge) {
    }

    private AdminRequestAuthorization() {
    }

    /** The request as the principal may send it; null when every topic is allowed (send it as it is). */
    static Split split(RequestContext ctx, AbstractRequest request, RequestAuthorizer authorizer,
                       Function<Uuid, String> topicNames) {
        if (!authorizer.enabled()) {
            return null;
        }
        if (request instanceof CreateTopicsRequest r) {
            return createTopics(ctx, r, authorizer);
        } else if (request instanceof DeleteTopicsRequest r) {
            return deleteTopics(ctx, r, authorizer, topicNames);
        } else if (request instanceof CreatePartitionsRequest r) {
            return createPartitions(ctx, r, authorizer);
        } else if (request instanceof IncrementalAlterConfigsRequest r) {
            return incrementalAlterConfigs(ctx, r, authorizer);
        } else if (request instanceof AlterConfigsRequest r) {
            return alterConfigs(ctx, r, authorizer);
        }
        return null;
    }

    private static Split createTopics(RequestContext ctx, CreateTopicsRequest request, RequestAuthorizer authorizer) {
        boolean clusterCreate = authorizer.authorizeCluster(ctx, AclOperation.CREATE);
        CreateTopicsRequestData allowed = request.data().duplicate();
        CreateTopicsResponseData refused = new CreateTopicsResponseData();
        Set<String> configsHidden = new HashSet<>();
        allowed.topics().removeIf(topic -> {
            if (!authorizer.authorize(ctx, AclOperation.DESCRIBE_CONFIGS, ResourceType.TOPIC, topic.name())) {
                configsHidden.add(topic.name());
            }
            if (clusterCreate || authorizer.authorize(ctx, AclOperation.CREATE, ResourceType.TOPIC, topic.name())) {
                return false;
            }
            refused.topics().add(new CreateTopicsResponseData.CreatableTopicResult().setName(topic.name())
                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()).setErrorMessage(FAILED)
                    .setTopicConfigErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()));
            return true;
        });
        if (refused.topics().isEmpty() && configsHidden.isEmpty()) {
            return null;
        }
        return new Split(allowed.topics().isEmpty() ? null
                : new CreateTopicsRequest.Builder(allowed).build(request.version()), response -> {
                    CreateTopicsResponseData data = response == null ? new CreateTopicsResponseData()
                            : ((CreateTopicsResponse) response).data();
                    // As Kafka: a created topic's configs are returned only with DESCRIBE_CONFIGS on it.
                    data.topics().forEach(t -> {
                        if (t.errorCode() == Errors.NONE.code() && configsHidden.contains(t.name())) {
                            t.setConfigs(new ArrayList<>()).setNumPartitions(-1).setReplicationFactor((short) -1)
                                    .setTopicConfigErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code());
                        }
                    });
                    refused.topics().forEach(t -> data.topics().add(t.duplicate()));
                    return new CreateTopicsResponse(data);
                });
    }

    private static Split deleteTopics(RequestContext ctx, DeleteTopicsRequest request, RequestAuthorizer authorizer,
                                      Function<Uuid, String> topicNames) {
        if (authorizer.authorizeCluster(ctx, AclOperation.DELETE)) {
            return null; // as Kafka: DELETE on the cluster may delete (and describe) every topic
        }
        DeleteTopicsRequestData allowed = request.data().duplicate();
        DeleteTopicsResponseData refused = new DeleteTopicsResponseData();
        allowed.topicNames().removeIf(name -> {
            if (deletable(ctx, authorizer, name)) {
                return false;
            }
            refused.responses().add(new DeleteTopicsResponseData.DeletableTopicResult().setName(name)
                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()));
            return true;
        });
        allowed.topics().removeIf(topic -> {
            boolean byId = topic.name() == null && topic.topicId() != null && !Uuid.ZERO_UUID.equals(topic.topicId());
            String name = byId ? topicNames.apply(topic.topicId()) : topic.name();
            if (name == null) {
                return false; // an unknown id: the controller answers UNKNOWN_TOPIC_ID
            }
            if (deletable(ctx, authorizer, name)) {
                return false;
            }
            boolean describable = authorizer.authorize(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
            refused.responses().add(new DeleteTopicsResponseData.DeletableTopicResult()
                    .setName(byId && !describable ? null : name)
                    .setTopicId(byId ? topic.topicId() : Uuid.ZERO_UUID)
                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()));
            return true;
        });
        if (refused.responses().isEmpty()) {
            return null;
        }
        boolean nothingLeft = allowed.topicNames().isEmpty() && allowed.topics().isEmpty();
        return new Split(nothingLeft ? null : new DeleteTopicsRequest.Builder(allowed).build(request.version()),
                response -> {
                    DeleteTopicsResponseData data = response == null ? new DeleteTopicsResponseData()
                            : ((DeleteTopicsResponse) response).data();
                    refused.responses().forEach(t -> data.responses().add(t.duplicate()));
                    return new DeleteTopicsResponse(data);
                });
    }

    /** Kafka needs both: a topic that may not be described is not admitted to exist. */
    private static boolean deletable(RequestContext ctx, RequestAuthorizer authorizer, String topic) {
        return authorizer.authorize(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, topic)
                && authorizer.authorize(ctx, AclOperation.DELETE, ResourceType.TOPIC, topic);
    }

    private static Split createPartitions(RequestContext ctx, CreatePartitionsRequest request,
                                          RequestAuthorizer authorizer) {
        CreatePartitionsRequestData allowed = request.data().duplicate();
        CreatePartitionsResponseData refused = new CreatePartitionsResponseData();
        allowed.topics().removeIf(topic -> {
            if (authorizer.authorize(ctx, AclOperation.ALTER, ResourceType.TOPIC, topic.name())) {
                return false;
            }
            refused.results().add(new CreatePartitionsResponseData.CreatePartitionsTopicResult()
                    .setName(topic.name()).setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()));
            return true;
        });
        if (refused.results().isEmpty()) {
            return null;
        }
        return new Split(allowed.topics().isEmpty() ? null
                : new CreatePartitionsRequest.Builder(allowed).build(request.version()), response -> {
                    CreatePartitionsResponseData data = response == null ? new CreatePartitionsResponseData()
                            : ((CreatePartitionsResponse) response).data();
                    refused.results().forEach(t -> data.results().add(t.duplicate()));
                    return new CreatePartitionsResponse(data);
                });
    }

    private static Split incrementalAlterConfigs(RequestContext ctx, IncrementalAlterConfigsRequest request,
                                                 RequestAuthorizer authorizer) {
        IncrementalAlterConfigsRequestData allowed = request.data().duplicate();
        IncrementalAlterConfigsResponseData refused = new IncrementalAlterConfigsResponseData();
        allowed.resources().removeIf(resource -> {
            Errors error = ConfigResourceAuthorization.check(authorizer, ctx, resource.resourceType(),
                    resource.resourceName(), AclOperation.ALTER_CONFIGS);
            if (error == Errors.NONE) {
                return false;
            }
            refused.responses().add(new IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse()
                    .setResourceType(resource.resourceType()).setResourceName(resource.resourceName())
                    .setErrorCode(error.code()).setErrorMessage(error.message()));
            return true;
        });
        if (refused.responses().isEmpty()) {
            return null;
        }
        return new Split(allowed.resources().isEmpty() ? null
                : new IncrementalAlterConfigsRequest(allowed, request.version()), response -> {
                    IncrementalAlterConfigsResponseData data = response == null
                            ? new IncrementalAlterConfigsResponseData()
                            : ((IncrementalAlterConfigsResponse) response).data();
                    refused.responses().forEach(r -> data.responses().add(r.duplicate()));
                    return new IncrementalAlterConfigsResponse(data);
                });
    }

    private static Split alterConfigs(RequestContext ctx, AlterConfigsRequest request, RequestAuthorizer authorizer) {
        AlterConfigsRequestData allowed = request.data().duplicate();
        AlterConfigsResponseData refused = new AlterConfigsResponseData();
        allowed.resources().removeIf(resource -> {
            Errors error = ConfigResourceAuthorization.check(authorizer, ctx, resource.resourceType(),
                    resource.resourceName(), AclOperation.ALTER_CONFIGS);
            if (error == Errors.NONE) {
                return false;
            }
            refused.responses().add(new AlterConfigsResponseData.AlterConfigsResourceResponse()
                    .setResourceType(resource.resourceType()).setResourceName(resource.resourceName())
                    .setErrorCode(error.code()).setErrorMessage(error.message()));
            return true;
        });
        if (refused.responses().isEmpty()) {
            return null;
        }
        return new Split(allowed.resources().isEmpty() ? null : new AlterConfigsRequest(allowed, request.version()),
                response -> {
                    AlterConfigsResponseData data = response == null ? new AlterConfigsResponseData()
                            : ((AlterConfigsResponse) response).data();
                    refused.responses().forEach(r -> data.responses().add(r.duplicate()));
                    return new AlterConfigsResponse(data);
                });
    }
}
