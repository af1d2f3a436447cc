package io.tributary.broker.group;

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

    public GroupHandlers(GroupCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    static CoordinatorRequestContext context(RequestContext context) {
        return new CoordinatorRequestContext(context.apiVersion(), context.clientId(), context.clientAddress());
    }

    public ApiHandler<JoinGroupRequest> joinGroup() {
        return (ctx, request) -> coordinator.joinGroup(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new JoinGroupResponse(data, ctx.apiVersion())));
    }

    /** SyncGroup v5+ must name the protocol type and name (KIP-559): without them, as Kafka, inconsistent. */
    public ApiHandler<SyncGroupRequest> syncGroup() {
        return (ctx, request) -> {
            if (!request.areMandatoryProtocolTypeAndNamePresent()) {
                return Responses.completed(new SyncGroupResponse(
                        ClassicResponses.syncError(Errors.INCONSISTENT_GROUP_PROTOCOL)));
            }
            return coordinator.syncGroup(context(ctx), request.data())
                    .thenApply(data -> ResponseAction.send(new SyncGroupResponse(data)));
        };
    }

    public ApiHandler<HeartbeatRequest> heartbeat() {
        return (ctx, request) -> coordinator.heartbeat(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new HeartbeatResponse(data)));
    }

    public ApiHandler<LeaveGroupRequest> leaveGroup() {
        return (ctx, request) -> coordinator.leaveGroup(context(ctx), request.normalizedData())
                .thenApply(data -> ResponseAction.send(new LeaveGroupResponse(data, ctx.apiVersion())));
    }

    public ApiHandler<OffsetCommitRequest> offsetCommit() {
        return (ctx, request) -> coordinator.commitOffsets(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new OffsetCommitResponse(data)));
    }

    /** OffsetFetch: v8+ batches groups; older versions carry one group at the top level. */
    public ApiHandler<OffsetFetchRequest> offsetFetch() {
        return (ctx, request) -> {
            List<CompletableFuture<OffsetFetchResponseGroup>> groups = new ArrayList<>();
            request.groups().forEach(g -> groups.add(
                    coordinator.fetchOffsets(context(ctx), g, request.requireStable())));
            return CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> ResponseAction.send(new OffsetFetchResponse.Builder(
                            groups.stream().map(CompletableFuture::join).toList()).build(ctx.apiVersion())));
        };
    }

    public ApiHandler<OffsetDeleteRequest> offsetDelete() {
        return (ctx, request) -> coordinator.deleteOffsets(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new OffsetDeleteResponse(data)));
    }

    public ApiHandler<ListGroupsRequest> listGroups() {
        return (ctx, request) -> coordinator.listGroups(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new ListGroupsResponse(data)));
    }

    public ApiHandler<DescribeGroupsRequest> describeGroups() {
        return (ctx, request) -> coordinator.describeGroups(context(ctx), request.data().groups())
                .thenApply(groups -> {
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
        return (ctx, request) -> coordinator.deleteGroups(context(ctx), request.data().groupsNames())
                .thenApply(results -> ResponseAction.send(new DeleteGroupsResponse(
                        new DeleteGroupsResponseData().setResults(results))));
    }

    public ApiHandler<ConsumerGroupHeartbeatRequest> consumerGroupHeartbeat() {
        return (ctx, request) -> coordinator.consumerGroupHeartbeat(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new ConsumerGroupHeartbeatResponse(data)));
    }

    public ApiHandler<ConsumerGroupDescribeRequest> consumerGroupDescribe() {
        return (ctx, request) -> coordinator.consumerGroupDescribe(context(ctx), request.data().groupIds())
                .thenApply(groups -> ResponseAction.send(new ConsumerGroupDescribeResponse(
                        new ConsumerGroupDescribeResponseData().setGroups(groups))));
    }
}
