package io.tributary.metadata.image;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;

/**
 * What one committed batch (or a whole replay) changed, relative to {@link #previousImage()}. Partitions of a
 * newly created topic count as created partitions; a topic created and deleted within the same delta appears
 * in neither set.
 */
public final class MetadataDelta {

    private final MetadataImage previousImage;
    private final Set<Uuid> createdTopics;
    private final Map<Uuid, TopicImage> deletedTopics;
    private final Map<Uuid, Set<Integer>> createdPartitions;
    private final Map<Uuid, Set<Integer>> changedPartitions;
    private final Set<ConfigResource> changedConfigs;
    private final Set<Integer> changedBrokers;

    public MetadataDelta(MetadataImage previousImage, Set<Uuid> createdTopics, Map<Uuid, TopicImage> deletedTopics,
                  Map<Uuid, Set<Integer>> createdPartitions, Map<Uuid, Set<Integer>> changedPartitions,
                  Set<ConfigResource> changedConfigs, Set<Integer> changedBrokers) {
        this.previousImage = previousImage;
        this.createdTopics = Set.copyOf(createdTopics);
        this.deletedTopics = Map.copyOf(deletedTopics);
        this.createdPartitions = copyOfNested(createdPartitions);
        this.changedPartitions = copyOfNested(changedPartitions);
        this.changedConfigs = Set.copyOf(changedConfigs);
        this.changedBrokers = Set.copyOf(changedBrokers);
    }

    /** The image this delta was applied to. */
    public MetadataImage previousImage() {
        return previousImage;
    }

    public Set<Uuid> createdTopics() {
        return createdTopics;
    }

    /** Deleted topics as they were in the previous image (so their partitions can be cleaned up). */
    public Map<Uuid, TopicImage> deletedTopics() {
        return deletedTopics;
    }

    /** New partitions per topic id, including all partitions of created topics. */
    public Map<Uuid, Set<Integer>> createdPartitions() {
        return createdPartitions;
    }

    /** Existing partitions whose registration (ISR, leader) changed. */
    public Map<Uuid, Set<Integer>> changedPartitions() {
        return changedPartitions;
    }

    /** Resources whose dynamic configs changed, including topics whose overrides went away with the topic. */
    public Set<ConfigResource> changedConfigs() {
        return changedConfigs;
    }

    public Set<Integer> changedBrokers() {
        return changedBrokers;
    }

    public boolean isEmpty() {
        return createdTopics.isEmpty() && deletedTopics.isEmpty() && createdPartitions.isEmpty()
            && changedPartitions.isEmpty() && changedConfigs.isEmpty() && changedBrokers.isEmpty();
    }

    private static Map<Uuid, Set<Integer>> copyOfNested(Map<Uuid, Set<Integer>> source) {
        Map<Uuid, Set<Integer>> copy = new java.util.HashMap<>();
        source.forEach((id, partitions) -> copy.put(id, Set.copyOf(partitions)));
        return Map.copyOf(copy);
    }

    @Override
    public String toString() {
        return "MetadataDelta(createdTopics=" + createdTopics + ", deletedTopics=" + deletedTopics.keySet()
            + ", createdPartitions=" + createdPartitions + ", changedPartitions=" + changedPartitions
            + ", changedConfigs=" + changedConfigs + ", changedBrokers=" + changedBrokers + ")";
    }
}
