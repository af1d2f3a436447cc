package io.tributary.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Consumer-group helpers: waiting for a settled group, and reading its state through the Admin client. */
public final class Groups {

    /** Long enough for a rebalance after a leave, a join, or a 6 s session expiry. */
    public static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final long ADMIN_TIMEOUT_SECONDS = 15;

    private Groups() {
    }

    public static String uniqueGroupId(String purpose) {
        return TopicNames.unique("group-" + purpose);
    }

    /**
     * Waits until the members together own every partition of the topic exactly once and each owns a fair share
     * (sizes differ by at most one), all at the same generation.
     */
    public static void awaitBalanced(Collection<GroupMember> members, String topic, int partitions) {
        await("balanced assignment of " + topic + " over " + members.size() + " members")
                .atMost(SETTLE_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .failFast("a member's polling thread died", () -> assertNoneFailed(members))
                .untilAsserted(() -> assertBalanced(members, topic, partitions));
    }

    private static void assertNoneFailed(Collection<GroupMember> members) {
        for (GroupMember member : members) {
            if (member.failure() != null) {
                throw new AssertionError(member.name() + " stopped with " + member.failure(), member.failure());
            }
        }
    }

    private static void assertBalanced(Collection<GroupMember> members, String topic, int partitions) {
        for (GroupMember member : members) {
            assertThat(member.failure()).as("failure of %s", member.name()).isNull();
        }
        List<TopicPartition> owned = members.stream().flatMap(m -> m.assignment().stream()).collect(Collectors.toList());
        assertThat(owned).as("partitions owned by %s", members)
                .containsExactlyInAnyOrderElementsOf(Consuming.partitions(topic, partitions));
        int fairShare = partitions / members.size();
        for (GroupMember member : members) {
            assertThat(member.assignment().size()).as("share of %s", member).isBetween(fairShare, fairShare + 1);
        }
        Set<Integer> generations = members.stream().map(GroupMember::generation).collect(Collectors.toSet());
        assertThat(generations).as("generations of %s", members).hasSize(1);
    }

    /** Waits until all the values have been received by the members together, and returns everything received. */
    public static List<String> awaitReceived(Collection<GroupMember> members, Collection<String> values) {
        await("members received " + values.size() + " values").atMost(SETTLE_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .failFast("a member's polling thread died", () -> assertNoneFailed(members))
                .until(() -> receivedValues(members).containsAll(values));
        return receivedValues(members);
    }

    public static List<String> receivedValues(Collection<GroupMember> members) {
        return members.stream().flatMap(m -> m.receivedValues().stream()).collect(Collectors.toList());
    }

    public static Set<TopicPartition> ownedBy(Collection<GroupMember> members) {
        Set<TopicPartition> owned = new HashSet<>();
        members.forEach(m -> owned.addAll(m.assignment()));
        return owned;
    }

    public static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String groupId) throws Exception {
        return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Committed offsets as plain numbers, leaving out partitions without a commit. */
    public static Map<TopicPartition, Long> committedPositions(Admin admin, String groupId) throws Exception {
        return committedOffsets(admin, groupId).entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    public static ConsumerGroupDescription describe(Admin admin, String groupId) throws Exception {
        return admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public static Collection<ConsumerGroupListing> list(Admin admin, ListConsumerGroupsOptions options) throws Exception {
        return admin.listConsumerGroups(options).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    public static Map<TopicPartition, OffsetAndMetadata> offsets(String topic, long... offsetPerPartition) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (int p = 0; p < offsetPerPartition.length; p++) {
            offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(offsetPerPartition[p]));
        }
        return offsets;
    }
}
