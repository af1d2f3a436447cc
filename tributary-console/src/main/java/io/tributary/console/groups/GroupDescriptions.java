package io.tributary.console.groups;

import io.tributary.console.http.AdminFutures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.KafkaFuture;

/**
 * Describes listed groups with the Admin call each type needs, all calls sent before any answer is awaited (the
 * client batches each call by coordinator).
 */
final class GroupDescriptions {

    /** The calls in flight; {@link #view} waits for one group's answer. */
    private final Map<String, GroupListing> listings = new HashMap<>();
    private final Map<String, KafkaFuture<ConsumerGroupDescription>> consumer;
    private final Map<String, KafkaFuture<ClassicGroupDescription>> classic;
    private final Map<String, KafkaFuture<ShareGroupDescription>> share;

    private GroupDescriptions(Admin admin, Collection<GroupListing> groups) {
        List<String> consumerIds = new ArrayList<>();
        List<String> classicIds = new ArrayList<>();
        List<String> shareIds = new ArrayList<>();
        for (GroupListing listing : groups) {
            listings.put(listing.groupId(), listing);
            GroupKind kind = GroupKind.of(listing);
            if (GroupKind.describedAsConsumerGroup(listing)) {
                consumerIds.add(listing.groupId());
            } else if (kind == GroupKind.CLASSIC) {
                classicIds.add(listing.groupId());
            } else if (kind == GroupKind.SHARE) {
                shareIds.add(listing.groupId());
            }
        }
        consumer = consumerIds.isEmpty() ? Map.of() : admin.describeConsumerGroups(consumerIds).describedGroups();
        classic = classicIds.isEmpty() ? Map.of() : admin.describeClassicGroups(classicIds).describedGroups();
        share = shareIds.isEmpty() ? Map.of() : admin.describeShareGroups(shareIds).describedGroups();
    }

    static GroupDescriptions start(Admin admin, Collection<GroupListing> groups) {
        return new GroupDescriptions(admin, groups);
    }

    /** The group as described; only the listing's facts when its description failed (e.g. not authorized). */
    GroupView viewOrListed(String groupId) throws InterruptedException {
        try {
            return view(groupId);
        } catch (ExecutionException | RuntimeException e) {
            return GroupView.listed(listings.get(groupId));
        }
    }

    /** The group as described; a failed description is thrown (the dispatcher maps Kafka's error). */
    GroupView view(String groupId) throws ExecutionException, InterruptedException {
        GroupListing listing = listings.get(groupId);
        if (consumer.containsKey(groupId)) {
            return GroupView.consumer(listing, AdminFutures.await(consumer.get(groupId)));
        }
        if (classic.containsKey(groupId)) {
            return GroupView.classic(listing, AdminFutures.await(classic.get(groupId)));
        }
        if (share.containsKey(groupId)) {
            return GroupView.share(AdminFutures.await(share.get(groupId)));
        }
        return GroupView.listed(listing);
    }
}
