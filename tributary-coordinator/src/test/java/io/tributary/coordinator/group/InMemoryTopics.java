package io.tributary.coordinator.group;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.Uuid;

/** Topics for tests: name → partition count and id. */
final class InMemoryTopics implements TopicMetadataView {

    private record Topic(Uuid id, int partitions) {
    }

    private final Map<String, Topic> topics = new LinkedHashMap<>();

    void add(String name, int partitions) {
        topics.put(name, new Topic(Uuid.randomUuid(), partitions));
    }

    /** More partitions for an existing topic, keeping its id. */
    void grow(String name, int partitions) {
        topics.put(name, new Topic(topics.get(name).id(), partitions));
    }

    Uuid id(String name) {
        return topics.get(name).id();
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        Topic found = topics.get(topic);
        return found == null ? OptionalInt.empty() : OptionalInt.of(found.partitions());
    }

    @Override
    public Optional<Uuid> topicId(String topic) {
        return Optional.ofNullable(topics.get(topic)).map(Topic::id);
    }

    @Override
    public Optional<String> topicName(Uuid topicId) {
        return topics.entrySet().stream().filter(e -> e.getValue().id().equals(topicId)).map(Map.Entry::getKey)
                .findFirst();
    }

    @Override
    public Collection<String> topicNames() {
        return topics.keySet();
    }
}
