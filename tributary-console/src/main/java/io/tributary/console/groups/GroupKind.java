package io.tributary.console.groups;

import java.util.Optional;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupType;

/**
 * How the console names a group's type, and which Admin call describes it: a KIP-848 group is "consumer", a group
 * of the old protocol "classic" (its members may still be consumers: protocol type "consumer" or, for a group that
 * only commits offsets, ""), a KIP-932 group "share".
 */
enum GroupKind {
    CLASSIC("classic"), CONSUMER("consumer"), SHARE("share"), STREAMS("streams");

    final String label;

    GroupKind(String label) {
        this.label = label;
    }

    static GroupKind of(GroupListing listing) {
        GroupType type = listing.type().orElse(GroupType.CLASSIC);
        return switch (type) {
            case CONSUMER -> CONSUMER;
            case SHARE -> SHARE;
            case STREAMS -> STREAMS;
            default -> CLASSIC;
        };
    }

    /** Whether describeConsumerGroups can describe the group (it parses consumer assignments). */
    static boolean describedAsConsumerGroup(GroupListing listing) {
        GroupKind kind = of(listing);
        String protocol = Optional.ofNullable(listing.protocol()).orElse("");
        return kind == CONSUMER || kind == CLASSIC && (protocol.isEmpty() || protocol.equals("consumer"));
    }

    /** Whether committed offsets (OffsetFetch) belong to the group: any group but a share or streams group. */
    boolean commitsOffsets() {
        return this == CLASSIC || this == CONSUMER;
    }
}
