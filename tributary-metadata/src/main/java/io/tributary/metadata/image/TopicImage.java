package io.tributary.metadata.image;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.Uuid;

/** One topic: its name, id and partitions keyed by partition index. The partition map is unmodifiable. */
public record TopicImage(String name, Uuid id, Map<Integer, PartitionRegistration> partitions) {

    public TopicImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        partitions = Map.copyOf(partitions);
    }

    public Optional<PartitionRegistration> partition(int index) {
        return Optional.ofNullable(partitions.get(index));
    }

    public int numPartitions() {
        return partitions.size();
    }

    /** Replication factor as reported to clients: the replica count of partition 0. */
    public short replicationFactor() {
        PartitionRegistration first = partitions.get(0);
        return first == null ? 0 : (short) first.replicas().length;
    }
}
