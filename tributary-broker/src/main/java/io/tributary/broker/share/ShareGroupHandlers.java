package io.tributary.broker.share;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.coordinator.share.ShareGroupCoordinator;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResult;
import org.apache.kafka.common.message.DeleteGroupsResponseData.DeletableGroupResultCollection;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ShareGroupDescribeResponseData;
import org.apache.kafka.common.message.ShareGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteGroupsRequest;
import org.apache.kafka.common.requests.DeleteGroupsResponse;
import org.apache.kafka.common.requests.ListGroupsRequest;
import org.apache.kafka.common.requests.ListGroupsResponse;
import org.apache.kafka.common.requests.ShareGroupDescribeRequest;
import org.apache.kafka.common.requests.ShareGroupDescribeResponse;
import org.apache.kafka.common.requests.ShareGroupHeartbeatRequest;
import org.apache.kafka.common.requests.ShareGroupHeartbeatResponse;

/**
 * The share group membership APIs (ShareGroupHeartbeat, ShareGroupDescribe) over the share group coordinator,
 * and ListGroups / DeleteGroups answered for consumer and share groups together.
 */
final class ShareGroupHandlers {

    private static final String SHARE = "share";

    private final ShareGroupCoordinator coordinator;
    private final ShareStatePersister persister;
    private final SharePartitionManager manager;
    private final InternalTopics internalTopics;
    private final TopicLookup topics;
    private final ShareAccess access;

    ShareGroupHandlers(ShareGroupCoordinator coordinator, ShareStatePersister persister,
                       SharePartitionManager manager, InternalTopics internalTopics, TopicLookup topics,
                       ShareAccess access) {
        this.access = access;
        this.coordinator = coordinator;
        this.persister = persister;
        this.manager = manager;
        this.internalTopics = internalTopics;
        this.topics = topics;
    }

    ApiHandler<ShareGroupHeartbeatRequest> heartbeat() {
        return (ctx, request) -> {
            // As Kafka: READ on the group, then DESCRIBE on every topic subscribed to.
            if (!access.group(ctx, AclOperation.READ, request.data().groupId())) {
                return CompletableFuture.completedFuture(ResponseAction.send(
                        request.getErrorResponse(Errors.GROUP_AUTHORIZATION_FAILED.exception())));
            }
            List<String> subscribed = request.data().subscribedTopicNames();
            if (subscribed != null && access.enabled()) {
                List<String> refused = subscribed.stream().distinct()
                        .filter(t -> !access.topic(ctx, AclOperation.DESCRIBE, t)).sorted().toList();
                if (!refused.isEmpty()) {
                    return CompletableFuture.completedFuture(ResponseAction.send(new ShareGroupHeartbeatResponse(
                            new ShareGroupHeartbeatResponseData()
                                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                                    .setErrorMessage("The group has subscribed to topics the member is not"
                                            + " authorized to describe: " + refused))));
                }
            }
            // The share-partition leaders will need the state topic: create it while the member joins.
            internalTopics.ensureShareStateTopic();
            return coordinator.heartbeat(ctx.clientId(), ctx.clientAddress().toString(), request.data())
                    .thenApply(data -> ResponseAction.send(new ShareGroupHeartbeatResponse(data)));
        };
    }

    /**
     * ShareGroupDescribe, as Kafka: groups the principal may not DESCRIBE are answered GROUP_AUTHORIZATION_FAILED;
     * a group assigning a topic the principal may not DESCRIBE is answered TOPIC_AUTHORIZATION_FAILED, without
     * members.
     */
    ApiHandler<ShareGroupDescribeRequest> describe() {
        return (ctx, request) -> {
            List<ShareGroupDescribeResponseData.DescribedGroup> denied = new ArrayList<>();
            List<String> allowed = new ArrayList<>();
            for (String groupId : request.data().groupIds()) {
                if (access.group(ctx, AclOperation.DESCRIBE, groupId)) {
                    allowed.add(groupId);
                } else {
                    denied.add(new ShareGroupDescribeResponseData.DescribedGroup().setGroupId(groupId)
                            .setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code())
                            .setAuthorizedOperations(Integer.MIN_VALUE));
                }
            }
            CompletableFuture<List<ShareGroupDescribeResponseData.DescribedGroup>> described = allowed.isEmpty()
                    ? CompletableFuture.completedFuture(new ArrayList<>()) : coordinator.describe(allowed);
            return described.thenApply(groups -> {
                boolean withOperations = request.data().includeAuthorizedOperations();
                groups.forEach(g -> g.setAuthorizedOperations(!withOperations ? Integer.MIN_VALUE
                        : access.enabled() && g.errorCode() == Errors.NONE.code()
                                ? access.authorizedOperations(ctx, g.groupId()) : g.authorizedOperations()));
                if (access.enabled()) {
                    groups.replaceAll(g -> describesOnlyAllowedTopics(ctx, g) ? g
                            : new ShareGroupDescribeResponseData.DescribedGroup().setGroupId(g.groupId())
                                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                                    .setErrorMessage("The group has described topic(s) that the client is not"
                                            + " authorized to describe.")
                                    .setAuthorizedOperations(Integer.MIN_VALUE));
                }
                List<ShareGroupDescribeResponseData.DescribedGroup> all = new ArrayList<>(denied);
                all.addAll(groups);
                return ResponseAction.send(new ShareGroupDescribeResponse(
                        new ShareGroupDescribeResponseData().setGroups(all)));
            });
        };
    }

    /** Whether every topic assigned to the group's members is one the principal may DESCRIBE (checked once each). */
    private boolean describesOnlyAllowedTopics(RequestContext ctx, ShareGroupDescribeResponseData.DescribedGroup group) {
        Set<String> checked = new HashSet<>();
        for (ShareGroupDescribeResponseData.Member member : group.members()) {
            if (member.assignment() == null) {
                continue;
            }
            for (ShareGroupDescribeResponseData.TopicPartitions tp : member.assignment().topicPartitions()) {
                if (checked.add(tp.topicName()) && !access.topic(ctx, AclOperation.DESCRIBE, tp.topicName())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** ListGroups of every type: the consumer groups' answer, plus the share groups the filters let through. */
    ApiHandler<ListGroupsRequest> listGroups(ApiHandler<ListGroupsRequest> consumerGroups) {
        return (ctx, request) -> {
            List<String> types = request.data().typesFilter();
            Set<String> states = new HashSet<>();
            request.data().statesFilter().forEach(s -> states.add(s.toLowerCase(Locale.ROOT)));
            boolean wantShare = types.isEmpty() || types.stream().anyMatch(t -> t.equalsIgnoreCase(SHARE));
            CompletableFuture<List<ListGroupsResponseData.ListedGroup>> share = wantShare ? coordinator.list()
                    : CompletableFuture.completedFuture(List.of());
            return consumerGroups.handle(ctx, request).thenCombine(share, (action, shareGroups) -> {
                ListGroupsResponseData data = ((ListGroupsResponse) action.response()).data();
                // As the consumer groups: DESCRIBE on the cluster lists every group, else those it may DESCRIBE.
                boolean listsAll = !shareGroups.isEmpty() && access.clusterDescribe(ctx);
                for (ListGroupsResponseData.ListedGroup group : shareGroups) {
                    if ((states.isEmpty() || states.contains(group.groupState().toLowerCase(Locale.ROOT)))
                            && (listsAll || access.group(ctx, AclOperation.DESCRIBE, group.groupId()))) {
                        if (ctx.apiVersion() < 4) {
                            group.setGroupState("");
                        }
                        if (ctx.apiVersion() < 5) {
                            group.setGroupType("");
                        }
                        data.groups().add(group);
                    }
                }
                return ResponseAction.send(new ListGroupsResponse(data));
            });
        };
    }

    /**
     * DeleteGroups: share groups are deleted here (with their share-partition states), every other id goes to
     * the consumer group coordinator.
     */
    ApiHandler<DeleteGroupsRequest> deleteGroups(ApiHandler<DeleteGroupsRequest> consumerGroups) {
        return (ctx, request) -> {
            // DELETE on the group first, as Kafka, whatever its type.
            List<String> allowed = new ArrayList<>();
            DeletableGroupResultCollection denied = new DeletableGroupResultCollection();
            for (String groupId : request.data().groupsNames()) {
                if (access.group(ctx, AclOperation.DELETE, groupId)) {
                    allowed.add(groupId);
                } else if (denied.find(groupId) == null) {
                    denied.add(new DeletableGroupResult().setGroupId(groupId)
                            .setErrorCode(Errors.GROUP_AUTHORIZATION_FAILED.code()));
                }
            }
            if (allowed.isEmpty() && !denied.isEmpty()) {
                return CompletableFuture.completedFuture(ResponseAction.send(new DeleteGroupsResponse(
                        new DeleteGroupsResponseData().setResults(denied))));
            }
            return deleteAllowedGroups(ctx, allowed, consumerGroups).thenApply(action -> {
                if (denied.isEmpty()) {
                    return action;
                }
                DeleteGroupsResponseData data = ((DeleteGroupsResponse) action.response()).data();
                denied.forEach(d -> data.results().mustAdd(d.duplicate()));
                return ResponseAction.send(new DeleteGroupsResponse(data));
            });
        };
    }

    private CompletableFuture<ResponseAction> deleteAllowedGroups(RequestContext ctx, List<String> names,
                                                                  ApiHandler<DeleteGroupsRequest> consumerGroups) {
        return coordinator.delete(names).thenCompose(shareResults -> {
            DeletableGroupResultCollection results = new DeletableGroupResultCollection();
            List<String> others = new ArrayList<>();
            List<CompletableFuture<?>> cleanups = new ArrayList<>();
            for (Map.Entry<String, ShareGroupCoordinator.GroupView> entry : shareResults.entrySet()) {
                Errors error = entry.getValue().error();
                if (error == Errors.GROUP_ID_NOT_FOUND) {
                    others.add(entry.getKey());
                    continue;
                }
                if (error == Errors.NONE) {
                    cleanups.add(deleteStates(entry.getKey(), entry.getValue().topicIds()));
                }
                results.add(new DeletableGroupResult().setGroupId(entry.getKey()).setErrorCode(error.code()));
            }
            CompletableFuture<Void> cleaned = CompletableFuture.allOf(cleanups.toArray(CompletableFuture[]::new));
            if (others.isEmpty()) {
                return cleaned.thenApply(ignored -> ResponseAction.send(new DeleteGroupsResponse(
                        new DeleteGroupsResponseData().setResults(results))));
            }
            DeleteGroupsRequest forConsumers = new DeleteGroupsRequest.Builder(
                    new org.apache.kafka.common.message.DeleteGroupsRequestData().setGroupsNames(others))
                    .build(ctx.apiVersion());
            return cleaned.thenCompose(ignored -> consumerGroups.handle(ctx, forConsumers)).thenApply(action -> {
                ((DeleteGroupsResponse) action.response()).data().results()
                        .forEach(r -> results.add(r.duplicate()));
                return ResponseAction.send(new DeleteGroupsResponse(new DeleteGroupsResponseData()
                        .setResults(results)));
            });
        });
    }

    /** Forgets every share-partition state of the group's topics. */
    CompletableFuture<Void> deleteStates(String groupId, Set<Uuid> topicIds) {
        List<CompletableFuture<Errors>> deletes = new ArrayList<>();
        for (Uuid topicId : topicIds) {
            int partitions = topics.byId(topicId).map(TopicImage::numPartitions).orElse(0);
            for (int p = 0; p < partitions; p++) {
                SharePartitionKey key = new SharePartitionKey(groupId, topicId, p);
                manager.forget(key);
                deletes.add(persister.delete(key));
            }
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
    }
}
