package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;

/** The partition changes that follow a broker's fencing, unfencing or controlled shutdown. */
final class BrokerPartitionChanges {

    private static final String UNCLEAN = "unclean.leader.election.enable";

    private final EffectiveConfigResolver resolver;

    BrokerPartitionChanges(EffectiveConfigResolver resolver) {
        this.resolver = resolver;
    }

    boolean uncleanAllowed(MetadataImage image, String topic) {
        return Boolean.TRUE.equals(resolver.effectiveTopicConfig(image, topic).get(UNCLEAN));
    }

    /**
     * Takes {@code brokerId} (already fenced or shutting down in {@code image}) out of every ISR unless it is the
     * last member, and elects a new leader where it led (leader -1 when nobody is eligible).
     */
    List<MetadataRecord> removeBroker(MetadataImage image, int brokerId) {
        List<MetadataRecord> records = new ArrayList<>();
        for (TopicImage topic : image.topics().all()) {
            boolean unclean = false;
            boolean uncleanKnown = false;
            for (var entry : topic.partitions().entrySet()) {
                PartitionRegistration p = entry.getValue();
                if (!p.isInIsr(brokerId) && p.leader() != brokerId) {
                    continue;
                }
                int[] isr = p.isr().length > 1 ? PartitionElection.without(p.isr(), brokerId) : p.isr();
                if (p.leader() == brokerId && !uncleanKnown) {
                    unclean = uncleanAllowed(image, topic.name());
                    uncleanKnown = true;
                }
                PartitionRegistration next = p.leader() == brokerId
                    ? PartitionElection.elect(p, p.replicas(), isr, image.brokers(), unclean)
                    : PartitionElection.with(p, p.replicas(), isr, p.leader());
                if (!p.equals(next)) {
                    records.add(PartitionChangeRecord.between(topic.id(), entry.getKey(), p, next));
                }
            }
        }
        return records;
    }

    /** Leaderless partitions that can elect a leader again now that {@code brokerId} is active. */
    List<MetadataRecord> electLeaderless(MetadataImage image, int brokerId) {
        List<MetadataRecord> records = new ArrayList<>();
        for (TopicImage topic : image.topics().all()) {
            for (var entry : topic.partitions().entrySet()) {
                PartitionRegistration p = entry.getValue();
                if (p.hasLeader() || !p.isReplica(brokerId)) {
                    continue;
                }
                boolean unclean = !p.isInIsr(brokerId) && uncleanAllowed(image, topic.name());
                PartitionRegistration next = PartitionElection.elect(p, p.replicas(), p.isr(), image.brokers(), unclean);
                if (next.hasLeader()) {
                    records.add(PartitionChangeRecord.between(topic.id(), entry.getKey(), p, next));
                }
            }
        }
        return records;
    }

    static boolean leadsAnything(MetadataImage image, int brokerId) {
        for (TopicImage topic : image.topics().all()) {
            for (PartitionRegistration p : topic.partitions().values()) {
                if (p.leader() == brokerId) {
                    return true;
                }
            }
        }
        return false;
    }
}
