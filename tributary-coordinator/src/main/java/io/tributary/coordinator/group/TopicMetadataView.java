package io.tributary.coordinator.group;

import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.Uuid;

/** The topics the group coordinator validates commits against and assigns partitions of. */
public interface TopicMetadataView {

    OptionalInt partitionCount(String topic);

    Optional<Uuid> topicId(String topic);

    Optional<String> topicName(Uuid topicId);

    Collection<String> topicNames();
}
