package io.tributary.broker.group;

import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import java.util.function.Function;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.group.classic.ClassicResponses;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ConsumerGroupDescribeResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData.OffsetFetchResponseGroup;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ConsumerGroupDescribeRequest;
import org.apache.kafka.common.requests.ConsumerGroupDescribeResponse;
import org.apache.kafka.common.requests.ConsumerGroupHeartbeatRequest;
import org.apache.kafka.common.requests.ConsumerGroupHeartbeatResponse;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.DescribeGroupsRequest;
import org.apache.kafka.common.requests.DescribeGroupsResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.LeaveGroupRequest;
import org.apache.kafka.common.requests.LeaveGroupResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetDeleteRequest;
import org.apache.kafka.common.requests.OffsetDeleteResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;

/**
 * The consumer-group APIs: each decodes its request, asks the group coordinator, and encodes the answer at
 * the request's version. All group semantics live in the coordinator.
 */
public final class GroupHandlers {

    private final GroupCoordinator coordinator;
    private final RequestAuthorizer authorizer;
    private final Function<Uuid, String> topicNames;

    public GroupHandlers(GroupCoordinator coordinator) {
        this(coordinator, RequestAuthorizer.NONE, id -> null);
    }

    /** @param topicNames a topic id's name, or null (requests of newer versions name topics by id) */
    public GroupHandlers(GroupCoordinator coordinator, RequestAuthorizer authorizer,
                         Function<Uuid, String> topicNames) {
        this.coordinator = coordinator;
        this.authorizer = authorizer;
        this.topicNames = topicNames;
    }

    private boolean mayRead(RequestContext ctx, String group) {
        return authorizer.authorize(ctx, AclOperation.READ, ResourceType.GROUP, group);
    }

    private boolean mayDescribe(RequestContext ctx, String group) {
        return authorizer.authorize(ctx, AclOperation.DESCRIBE, ResourceType.GROUP, group);
    }

    private boolean topicAllowed(RequestContext ctx, AclOperation operation, String name, Uuid id) {
        String topic = name != null && !name.isEmpty() ? name : id == null ? null : topicNames.apply(id);
        // An unknown id is the coordinator's to report.
        return topic == null || authorizer.authorize(ctx, operation, ResourceType.TOPIC, topic);
    }

    private static CompletionStage<ResponseAction> groupDenied(AbstractRequest request) {
        return Responses.completed(request.getErrorResponse(0, Errors.GROUP_AUTHORIZATION_FAILED.exception()));
    }

    static CoordinatorRequestContext context(RequestContext context) {
        return new CoordinatorRequestContext(context.apiVersion(), context.clientId(), context.clientAddress());
    }

    public ApiHandler<JoinGroupRequest> joinGroup() {
        return (ctx, request) -> !mayRead(ctx, request.data().groupId()) ? groupDenied(request)
                : coordinator.joinGroup(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new JoinGroupResponse(data, ctx.apiVersion())));
    }

    /** SyncGroup v5+ must name the protocol type and name (KIP-559): without them, as Kafka, inconsistent. */
    public ApiHandler<SyncGroupRequest> syncGroup() {
        return (ctx, request) -> {
            if (!request.areMandatoryProtocolTypeAndNamePresent()) {
                return Responses.completed(new SyncGroupResponse(
                        ClassicResponses.syncError(Errors.INCONSISTENT_GROUP_PROTOCOL)));
            }
            if (!mayRead(ctx, request.data().groupId())) {
                return groupDenied(request);
            }
            return coordinator.syncGroup(context(ctx), request.data())
                    .thenApply(data -> ResponseAction.send(new SyncGroupResponse(data)));
        };
    }

    public ApiHandler<HeartbeatRequest> heartbeat() {
        return (ctx, request) -> !mayRead(ctx, request.data().groupId()) ? groupDenied(request)
                : coordinator.heartbeat(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new HeartbeatResponse(data)));
    }

    public ApiHandler<LeaveGroupRequest> leaveGroup() {
        return (ctx, request) -> !mayRead(ctx, request.data().groupId()) ? groupDenied(request)
                : coordinator.leaveGroup(context(ctx), request.normalizedData())
                .thenApply(data -> ResponseAction.send(new LeaveGroupResponse(data, ctx.apiVersion())));
    }

    public ApiHandler<OffsetCommitRequest> offsetCommit() {
        return (ctx, request) -> {
            if (!mayRead(ctx, request.data().groupId())) {
                return groupDenied(request);
            }
            // Topics the principal may not READ are answered TOPIC_AUTHORIZATION_FAILED; the rest are committed.
            OffsetCommitRequestData allowed = request.data().duplicate();
            OffsetCommitRequestData denied = request.data().duplicate();
            allowed.topics().removeIf(t -> !topicAllowed(ctx, AclOperation.READ, t.name(), t.topicId()));
            denied.topics().removeIf(t -> topicAllowed(ctx, AclOperation.READ, t.name(), t.topicId()));
            if (denied.topics().isEmpty()) {
                return coordinator.commitOffsets(context(ctx), request.data())
                        .thenApply(data -> ResponseAction.send(new OffsetCommitResponse(data)));
            }
            OffsetCommitResponseData refused = OffsetCommitRequest.getErrorResponse(denied,
                    Errors.TOPIC_AUTHORIZATION_FAILED);
            CompletionStage<OffsetCommitResponseData> committed = allowed.topics().isEmpty()
                    ? CompletableFuture.completedFuture(new OffsetCommitResponseData())
                    : coordinator.commitOffsets(context(ctx), allowed);
            return committed.thenApply(data -> {
                data.topics().addAll(refused.topics());
                return ResponseAction.send(new OffsetCommitResponse(data));
            });
        };
    }

    /** OffsetFetch: v8+ batches groups; older versions carry one group at the top level. */
    public ApiHandler<OffsetFetchRequest> offsetFetch() {
        return (ctx, request) -> {
            List<CompletableFuture<OffsetFetchResponseGroup>> groups = new ArrayList<>();
            request.groups().forEach(g -> groups.add(!mayDescribe(ctx, g.groupId())
                    ? CompletableFuture.completedFuture(new OffsetFetchResponseGroup().setGroupId(g.groupId())
                            .setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code()))
                    : coordinator.fetchOffsets(context(ctx), g, request.requireStable())
                            .thenApply(group -> hideUndescribableTopics(ctx, group, g.topics() == null))));
            return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> ResponseAction.send(new OffsetFetchResponse.Builder(
                            groups.stream().map(CompletableFuture::join).toList()).build(ctx.apiVersion())));
        };
    }

    /**
     * Offsets of topics the principal may not DESCRIBE: left out of an all-topics fetch, answered
     * TOPIC_AUTHORIZATION_FAILED when asked for by name (as Kafka).
     */
    private OffsetFetchResponseGroup hideUndescribableTopics(RequestContext ctx, OffsetFetchResponseGroup group,
                                                            boolean allTopics) {
        if (!authorizer.enabled()) {
            return group;
        }
        if (allTopics) {
            group.topics().removeIf(t -> !topicAllowed(ctx, AclOperation.DESCRIBE, t.name(), t.topicId()));
            return group;
        }
        group.topics().forEach(t -> {
            if (!topicAllowed(ctx, AclOperation.DESCRIBE, t.name(), t.topicId())) {
                t.partitions().forEach(p -> p.setCommittedOffset(-1).setCommittedLeaderEpoch(-1).setMetadata("")
                        .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code()));
            }
        });
        return group;
    }

    public ApiHandler<OffsetDeleteRequest> offsetDelete() {
        return (ctx, request) -> {
            if (!authorizer.authorize(ctx, AclOperation.DELETE, ResourceType.GROUP, request.data().groupId())) {
                return groupDenied(request);
            }
            // Topics the principal may not READ are answered TOPIC_AUTHORIZATION_FAILED, as in Kafka.
            OffsetDeleteRequestData allowed = request.data().duplicate();
            OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection refused =
                    new OffsetDeleteResponseData.OffsetDeleteResponseTopicCollection();
            allowed.topics().removeIf(topic -> {
                if (topicAllowed(ctx, AclOperation.READ, topic.name(), null)) {
                    return false;
                }
                OffsetDeleteResponseData.OffsetDeleteResponseTopic result =
                        new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(topic.name());
                topic.partitions().forEach(p -> result.partitions().add(
                        new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                                .setPartitionIndex(p.partitionIndex())
                                .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())));
                refused.add(result);
                return true;
            });
            return coordinator.deleteOffsets(context(ctx), refused.isEmpty() ? request.data() : allowed)
                    .thenApply(data -> {
                        refused.forEach(t -> data.topics().mustAdd(t.duplicate()));
                        return ResponseAction.send(new OffsetDeleteResponse(data));
                    });
        };
    }

    public ApiHandler<ListGroupsRequest> listGroups() {
        return (ctx, request) -> coordinator.listGroups(context(ctx), request.data())
                .thenApply(data -> {
                    // DESCRIBE on the cluster lists every group; otherwise only groups the principal may describe.
                    if (!authorizer.authorizeCluster(ctx, AclOperation.DESCRIBE)) {
                        data.groups().removeIf(g -> !mayDescribe(ctx, g.groupId()));
                    }
                    return ResponseAction.send(new ListGroupsResponse(data));
                });
    }

    public ApiHandler<DescribeGroupsRequest> describeGroups() {
        return (ctx, request) -> coordinator.describeGroups(context(ctx), request.data().groups())
                .thenApply(groups -> {
                    boolean withOperations = request.data().includeAuthorizedOperations();
                    groups.replaceAll(g -> !mayDescribe(ctx, g.groupId())
                            ? new DescribeGroupsResponseData.DescribedGroup().setGroupId(g.groupId())
                                    .setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code())
                            : withOperations && g.errorCode() == Errors.NONE.code()
                                    ? g.setAuthorizedOperations(authorizer.authorizedOperations(ctx,
                                            ResourceType.GROUP, g.groupId())) : g);
                    // Fields newer than the request's version must keep their defaults to be encodable.
                    groups.forEach(g -> {
                        if (ctx.apiVersion() < 6) {
                            g.setErrorMessage(null);
                        }
                        if (ctx.apiVersion() < 3) {
                            g.setAuthorizedOperations(Integer.MIN_VALUE);
                        }
                    });
                    return ResponseAction.send(new DescribeGroupsResponse(
                            new DescribeGroupsResponseData().setGroups(groups)));
                });
    }

    public ApiHandler<DeleteGroupsRequest> deleteGroups() {
        return (ctx, request) -> {
            List<String> allowed = new ArrayList<>();
            DeleteGroupsResponseData.DeletableGroupResultCollection denied =
                    new DeleteGroupsResponseData.DeletableGroupResultCollection();
            for (String group : request.data().groupsNames()) {
                if (authorizer.authorize(ctx, AclOperation.DELETE, ResourceType.GROUP, group)) {
                    allowed.add(group);
                } else {
                    denied.add(new DeleteGroupsResponseData.DeletableGroupResult().setGroupId(group)
                            .setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code()));
                }
            }
            return coordinator.deleteGroups(context(ctx), allowed).thenApply(results -> {
                denied.forEach(d -> results.mustAdd(d.duplicate()));
                return ResponseAction.send(new DeleteGroupsResponse(
                        new DeleteGroupsResponseData().setResults(results)));
            });
        };
    }

    public ApiHandler<ConsumerGroupHeartbeatRequest> consumerGroupHeartbeat() {
        return (ctx, request) -> {
            if (!mayRead(ctx, request.data().groupId())) {
                return groupDenied(request);
            }
            List<String> subscribed = request.data().subscribedTopicNames();
            if (subscribed != null && authorizer.enabled()) {
                List<String> refused = subscribed.stream()
                        .filter(t -> !authorizer.authorize(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, t))
                        .sorted().toList();
                if (!refused.isEmpty()) {
                    return Responses.completed(new ConsumerGroupHeartbeatResponse(
                            new ConsumerGroupHeartbeatResponseData()
                                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                                    .setErrorMessage("The group has subscribed to topics the member is not"
                                            + " authorized to describe: " + refused)));
                }
            }
            return coordinator.consumerGroupHeartbeat(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new ConsumerGroupHeartbeatResponse(data)));
        };
    }

    public ApiHandler<ConsumerGroupDescribeRequest> consumerGroupDescribe() {
        return (ctx, request) -> coordinator.consumerGroupDescribe(context(ctx), request.data().groupIds())
                .thenApply(groups -> {
                    boolean withOperations = request.data().includeAuthorizedOperations();
                    groups.replaceAll(g -> !mayDescribe(ctx, g.groupId())
                            ? new ConsumerGroupDescribeResponseData.DescribedGroup().setGroupId(g.groupId())
                                    .setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code())
                            : withOperations && g.errorCode() == Errors.NONE.code()
                                    ? g.setAuthorizedOperations(authorizer.authorizedOperations(ctx,
                                            ResourceType.GROUP, g.groupId())) : g);
                    return groups;
                })
                .thenApply(groups -> ResponseAction.send(new ConsumerGroupDescribeResponse(
                        new ConsumerGroupDescribeResponseData().setGroups(groups))));
    }
}
