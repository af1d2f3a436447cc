package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tributary.metadata.image.Features;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;

/**
 * The partition changes that follow a broker's fencing, unfencing, controlled shutdown or (KIP-966) registration
 * after an unclean shutdown.
 */
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
     * Takes {@code brokerId} (already fenced or shutting down in {@code image}) out of every ISR and elects a new
     * leader where it led (leader -1 when nobody is eligible). Without KIP-966 the last ISR member stays; with it
     * the ISR may empty, the replicas leaving an ISR below min ISR joining the ELR.
     */
    List<MetadataRecord> removeBroker(MetadataImage image, int brokerId) {
        boolean elrEnabled = Features.eligibleLeaderReplicasEnabled(image);
        List<MetadataRecord> records = new ArrayList<>();
        for (TopicImage topic : image.topics().all()) {
            TopicRules rules = new TopicRules(image, topic.name());
            for (var entry : topic.partitions().entrySet()) {
                PartitionRegistration p = entry.getValue();
                if (!p.isInIsr(brokerId) && p.leader() != brokerId) {
                    continue;
                }
                int[] isr = p.isr().length > 1 || elrEnabled ? PartitionElection.without(p.isr(), brokerId) : p.isr();
                PartitionRegistration next = change(image, rules, p, isr, p.leader() == brokerId,
                    PartitionRegistration.NO_LEADER);
                if (!p.equals(next)) {
                    records.add(PartitionChangeRecord.between(topic.id(), entry.getKey(), p, next));
                }
            }
        }
        return records;
    }

    /**
     * KIP-966: {@code brokerId} (fenced in {@code image}) registered again after an unclean shutdown: its log may
     * lack acknowledged records, so it leaves every ISR and ELR, even as the last ISR member, and leads nothing.
     * Nothing with KIP-966 off (Kafka's older behaviour).
     */
    List<MetadataRecord> removeUncleanlyShutDown(MetadataImage image, int brokerId) {
        if (!Features.eligibleLeaderReplicasEnabled(image)) {
            return List.of();
        }
        List<MetadataRecord> records = new ArrayList<>();
        for (TopicImage topic : image.topics().all()) {
            TopicRules rules = new TopicRules(image, topic.name());
            for (var entry : topic.partitions().entrySet()) {
                PartitionRegistration p = entry.getValue();
                if (!p.isInIsr(brokerId) && !p.isInElr(brokerId) && p.leader() != brokerId) {
                    continue;
                }
                PartitionRegistration next = change(image, rules, p, PartitionElection.without(p.isr(), brokerId),
                    p.leader() == brokerId, brokerId);
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
            TopicRules rules = null;
            for (var entry : topic.partitions().entrySet()) {
                PartitionRegistration p = entry.getValue();
                if (p.hasLeader() || !p.isReplica(brokerId)) {
                    continue;
                }
                rules = rules == null ? new TopicRules(image, topic.name()) : rules;
                PartitionRegistration next = change(image, rules, p, p.isr(), true, PartitionRegistration.NO_LEADER);
                if (next.hasLeader()) {
                    records.add(PartitionChangeRecord.between(topic.id(), entry.getKey(), p, next));
                }
            }
        }
        return records;
    }

    /** One partition's new ISR, with an election when {@code elect} (the leader left or there is none). */
    private PartitionRegistration change(MetadataImage image, TopicRules rules, PartitionRegistration p, int[] isr,
                                         boolean elect, int uncleanShutdown) {
        EligibleLeaders elr = rules.eligibleLeaders(p).withUncleanShutdown(uncleanShutdown);
        if (!elect) {
            return PartitionElection.withElr(p, p.replicas(), isr, p.leader(), elr);
        }
        return PartitionElection.elect(p, p.replicas(), isr, image.brokers(), rules.uncleanAllowed(), elr);
    }

    /** A topic's settings, resolved once for all its partitions. */
    private final class TopicRules {
        private final MetadataImage image;
        private final String topic;
        private Map<String, Object> config;

        TopicRules(MetadataImage image, String topic) {
            this.image = image;
            this.topic = topic;
        }

        boolean uncleanAllowed() {
            return Boolean.TRUE.equals(config().get(UNCLEAN));
        }

        EligibleLeaders eligibleLeaders(PartitionRegistration p) {
            if (!Features.eligibleLeaderReplicasEnabled(image)) {
                return EligibleLeaders.DISABLED;
            }
            return new EligibleLeaders(true, EligibleLeaders.effectiveMinIsr(config(), p),
                PartitionRegistration.NO_LEADER);
        }

        private Map<String, Object> config() {
            if (config == null) {
                config = resolver.effectiveTopicConfig(image, topic);
            }
            return config;
        }
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
