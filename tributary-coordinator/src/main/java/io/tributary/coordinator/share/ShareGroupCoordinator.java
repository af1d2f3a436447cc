package io.tributary.coordinator.share;

import io.tributary.coordinator.runtime.PartitionedCoordinator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ShareGroupDescribeResponseData;
import org.apache.kafka.common.message.ShareGroupHeartbeatRequestData;
import org.apache.kafka.common.message.ShareGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * Share group membership (KIP-932): members, their subscriptions and the server-side assignment, kept next to
 * the consumer groups in the partitions of {@code __consumer_offsets} this broker leads (a share group's
 * coordinator is found like any group's). Futures complete normally with Kafka's error codes.
 */
public interface ShareGroupCoordinator extends PartitionedCoordinator {

    /** Topics were created, grown or deleted: assignments follow. */
    void onTopicsChanged();

    CompletableFuture<ShareGroupHeartbeatResponseData> heartbeat(String clientId, String clientHost,
                                                                ShareGroupHeartbeatRequestData request);

    CompletableFuture<List<ShareGroupDescribeResponseData.DescribedGroup>> describe(List<String> groupIds);

    /** The share groups of the partitions led here (ListGroups), with Kafka's state names. */
    CompletableFuture<List<ListGroupsResponseData.ListedGroup>> list();

    /** What a group's admin operations need: its error, whether it has members, and every topic it consumed. */
    record GroupView(Errors error, boolean hasMembers, Set<Uuid> topicIds) {
    }

    /** NOT_COORDINATOR / GROUP_ID_NOT_FOUND / ... or the group's view. */
    CompletableFuture<GroupView> view(String groupId);

    /**
     * Deletes empty share groups; the answer maps each group id to its error (GROUP_ID_NOT_FOUND for an id that
     * is no share group here, NON_EMPTY_GROUP while it has members) and, on success, the topics it consumed.
     */
    CompletableFuture<Map<String, GroupView>> delete(List<String> groupIds);

    /**
     * Makes sure a group exists for admin offset operations ({@code --reset-offsets} works on a group not yet
     * created, as Kafka since 4.2) and remembers the topics it now has offsets for.
     */
    CompletableFuture<Errors> recordTopics(String groupId, Set<Uuid> topicIds, boolean mustBeEmpty);

    /** Drops topics from the group's offsets (DeleteShareGroupOffsets). */
    CompletableFuture<Errors> forgetTopics(String groupId, Set<Uuid> topicIds);
}
