package io.tributary.console.groups;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/** One group as the pages show it, whatever Admin call described it. */
record GroupView(String groupId, String type, String state, String protocolType, String assignor,
                 Integer coordinator, List<Member> members) {

    record Member(String memberId, String groupInstanceId, String clientId, String host,
                  List<Partition> assignment) {
    }

    record Partition(String topic, int partition) {
        static List<Partition> sorted(Set<TopicPartition> partitions) {
            return partitions.stream().map(tp -> new Partition(tp.topic(), tp.partition()))
                    .sorted(Comparator.comparing(Partition::topic).thenComparingInt(Partition::partition)).toList();
        }
    }

    /** From the listing alone (a group that could not be described, or a streams group). */
    static GroupView listed(GroupListing listing) {
        return new GroupView(listing.groupId(), GroupKind.of(listing).label,
                listing.groupState().map(Object::toString).orElse(null), listing.protocol(), null, null, null);
    }

    static GroupView consumer(GroupListing listing, ConsumerGroupDescription d) {
        String type = GroupKind.of(listing).label;
        List<Member> members = d.members().stream().map(GroupView::member).toList();
        return new GroupView(d.groupId(), type, d.groupState().toString(), listing.protocol(),
                emptyToNull(d.partitionAssignor()), nodeId(d.coordinator()), members);
    }

    /** A classic group whose protocol is not the consumer's (Connect, a custom one): assignments are opaque. */
    static GroupView classic(GroupListing listing, ClassicGroupDescription d) {
        List<Member> members = d.members().stream().map(m -> new Member(m.consumerId(),
                m.groupInstanceId().orElse(null), m.clientId(), m.host(), List.of())).toList();
        return new GroupView(d.groupId(), GroupKind.CLASSIC.label, d.state().toString(), d.protocol(),
                emptyToNull(d.protocolData()), nodeId(d.coordinator()), members);
    }

    static GroupView share(ShareGroupDescription d) {
        List<Member> members = d.members().stream().map(GroupView::shareMember).toList();
        return new GroupView(d.groupId(), GroupKind.SHARE.label, d.groupState().toString(), "share", "simple",
                nodeId(d.coordinator()), members);
    }

    boolean isEmptyOrDead() {
        return "Empty".equals(state) || "Dead".equals(state);
    }

    private static Member member(MemberDescription m) {
        return new Member(m.consumerId(), m.groupInstanceId().orElse(null), m.clientId(), m.host(),
                Partition.sorted(m.assignment().topicPartitions()));
    }

    private static Member shareMember(ShareMemberDescription m) {
        return new Member(m.consumerId(), null, m.clientId(), m.host(),
                Partition.sorted(m.assignment().topicPartitions()));
    }

    private static Integer nodeId(Node node) {
        return node == null || node.isEmpty() ? null : node.id();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
