package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;

import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.image.Features;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;

/**
 * KIP-966 after a change of {@code min.insync.replicas} (a topic's, or a broker or cluster default): as Kafka's
 * controller, the partitions that have ELR state are run through the ELR rules again with the new min ISR, so an
 * ISR now at min ISR drops its ELR.
 */
final class MinIsrChanges {

    private static final String MIN_ISR = "min.insync.replicas";

    private MinIsrChanges() {
    }

    static boolean changesMinIsr(List<MetadataRecord> records) {
        return records.stream().anyMatch(r -> r instanceof ConfigRecord c && c.name().equals(MIN_ISR));
    }

    /** The partition changes once {@code configChanges} apply to {@code image}. */
    static List<MetadataRecord> after(MetadataImage image, List<MetadataRecord> configChanges,
                                      EffectiveConfigResolver resolver) {
        if (!Features.eligibleLeaderReplicasEnabled(image) || !changesMinIsr(configChanges)) {
            return List.of();
        }
        MetadataImage changed = PartitionElection.applied(image, configChanges);
        List<MetadataRecord> records = new ArrayList<>();
        for (TopicImage topic : changed.topics().all()) {
            topic.partitions().forEach((index, p) -> {
                if (!p.hasElrState()) {
                    return;
                }
                EligibleLeaders rules = EligibleLeaders.of(changed, resolver, topic.name(), p,
                    PartitionRegistration.NO_LEADER);
                PartitionRegistration next = PartitionElection.withElr(p, p.replicas(), p.isr(), p.leader(), rules);
                if (!p.equals(next)) {
                    records.add(PartitionChangeRecord.between(topic.id(), index, p, next));
                }
            });
        }
        return records;
    }
}
