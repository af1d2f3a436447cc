package io.tributary.broker.controller;

import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.network.RequestContext;
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
 * The per-topic checks of the topic admin APIs, done where the client's principal is known (the broker it asked)
 * before the request goes to the controller: CreateTopics needs CREATE on the cluster or on each topic,
 * DeleteTopics DELETE on each topic (and DESCRIBE to name it by id), CreatePartitions ALTER on each topic. The
 * refused topics are answered TOPIC_AUTHORIZATION_FAILED; the rest travel on.
 */
final class TopicAdminAuthorization {

    private static final String FAILED = "Authorization failed.";

    /**
     * @param allowed the request to send on, or null when nothing is left to send
     * @param merge   adds the refused topics to the controller's response (or builds it when nothing was sent)
     */
    record Split(AbstractRequest allowed, UnaryOperator<AbstractResponse> merge) {
    }

    private TopicAdminAuthorization() {
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
        }
        return null;
    }

    private static Split createTopics(RequestContext ctx, CreateTopicsRequest request, RequestAuthorizer authorizer) {
        if (authorizer.authorizeCluster(ctx, AclOperation.CREATE)) {
            return null;
        }
        CreateTopicsRequestData allowed = request.data().duplicate();
        CreateTopicsResponseData refused = new CreateTopicsResponseData();
        allowed.topics().removeIf(topic -> {
            if (authorizer.authorize(ctx, AclOperation.CREATE, ResourceType.TOPIC, topic.name())) {
                return false;
            }
            refused.topics().add(new CreateTopicsResponseData.CreatableTopicResult().setName(topic.name())
                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()).setErrorMessage(FAILED)
                    .setTopicConfigErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()));
            return true;
        });
        if (refused.topics().isEmpty()) {
            return null;
        }
        return new Split(allowed.topics().isEmpty() ? null
                : new CreateTopicsRequest.Builder(allowed).build(request.version()), response -> {
                    CreateTopicsResponseData data = response == null ? new CreateTopicsResponseData()
                            : ((CreateTopicsResponse) response).data();
                    refused.topics().forEach(t -> data.topics().add(t.duplicate()));
                    return new CreateTopicsResponse(data);
                });
    }

    private static Split deleteTopics(RequestContext ctx, DeleteTopicsRequest request, RequestAuthorizer authorizer,
                                      Function<Uuid, String> topicNames) {
        DeleteTopicsRequestData allowed = request.data().duplicate();
        DeleteTopicsResponseData refused = new DeleteTopicsResponseData();
        allowed.topicNames().removeIf(name -> {
            if (authorizer.authorize(ctx, AclOperation.DELETE, ResourceType.TOPIC, name)) {
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
            boolean describable = !byId || authorizer.authorize(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
            if (describable && authorizer.authorize(ctx, AclOperation.DELETE, ResourceType.TOPIC, name)) {
                return false;
            }
            refused.responses().add(new DeleteTopicsResponseData.DeletableTopicResult()
                    .setName(byId && !describable ? null : name).setTopicId(topic.topicId())
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

    private static Split createPartitions(RequestContext ctx, CreatePartitionsRequest request,
                                          RequestAuthorizer authorizer) {
        CreatePartitionsRequestData allowed = request.data().duplicate();
        CreatePartitionsResponseData refused = new CreatePartitionsResponseData();
        allowed.topics().removeIf(topic -> {
            if (authorizer.authorize(ctx, AclOperation.ALTER, ResourceType.TOPIC, topic.name())) {
                return false;
            }
            refused.results().add(new CreatePartitionsResponseData.CreatePartitionsTopicResult()
                    .setName(topic.name()).setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                    .setErrorMessage("The topic authorization is failed."));
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
}
