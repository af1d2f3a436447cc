package io.tributary.metadata.image;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.Uuid;

/** All topics, indexed by id and by name. Immutable; a new instance is built once per committed batch. */
public final class TopicsImage {

    public static final TopicsImage EMPTY = new TopicsImage(Map.of());

    private final Map<Uuid, TopicImage> byId;
    private final Map<String, TopicImage> byName;

    public TopicsImage(Map<Uuid, TopicImage> byId) {
        this.byId = Map.copyOf(byId);
        Map<String, TopicImage> names = new HashMap<>(byId.size() * 2);
        for (TopicImage topic : byId.values()) {
            names.put(topic.name(), topic);
        }
        this.byName = Map.copyOf(names);
    }

    public Optional<TopicImage> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<TopicImage> get(Uuid id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<TopicImage> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    public Map<Uuid, TopicImage> asMap() {
        return byId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicsImage other && byId.equals(other.byId);
    }

    @Override
    public int hashCode() {
        return byId.hashCode();
    }

    @Override
    public String toString() {
        return "TopicsImage" + byId.values();
    }
}
