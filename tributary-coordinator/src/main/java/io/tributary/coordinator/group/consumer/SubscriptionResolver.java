package io.tributary.coordinator.group.consumer;

import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.group.consumer.records.TopicMetadata;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidRegularExpression;
import org.apache.kafka.common.internals.Topic;

/** Turns members' subscriptions (topic names, regexes) into the existing topics they cover. */
final class SubscriptionResolver {

    private final TopicMetadataView topics;
    private final Map<String, Pattern> patterns = new HashMap<>();

    SubscriptionResolver(TopicMetadataView topics) {
        this.topics = topics;
    }

    /** Throws INVALID_REGULAR_EXPRESSION for a regex that doesn't compile. */
    void validateRegex(String regex) {
        pattern(regex);
    }

    /** The metadata of every existing topic some member subscribes to, by name (sorted, for comparison). */
    Map<String, TopicMetadata> metadataFor(Collection<ConsumerGroupMember> members) {
        Set<String> names = new HashSet<>();
        Set<String> regexes = new HashSet<>();
        for (ConsumerGroupMember member : members) {
            names.addAll(member.subscribedTopicNames());
            if (member.subscribedTopicRegex() != null) {
                regexes.add(member.subscribedTopicRegex());
            }
        }
        if (!regexes.isEmpty()) {
            for (String topic : topics.topicNames()) {
                if (!Topic.isInternal(topic) && regexes.stream().anyMatch(r -> pattern(r).matcher(topic).matches())) {
                    names.add(topic);
                }
            }
        }
        Map<String, TopicMetadata> metadata = new TreeMap<>();
        for (String name : names) {
            Optional<Uuid> id = topics.topicId(name);
            OptionalInt partitions = topics.partitionCount(name);
            if (id.isPresent() && partitions.isPresent()) {
                metadata.put(name, new TopicMetadata(id.get(), name, partitions.getAsInt()));
            }
        }
        return metadata;
    }

    /** The ids of the topics (among {@code subscribed}) the member consumes. */
    Set<Uuid> topicIdsOf(ConsumerGroupMember member, Map<String, TopicMetadata> subscribed) {
        Set<Uuid> ids = new HashSet<>();
        for (String name : member.subscribedTopicNames()) {
            TopicMetadata topic = subscribed.get(name);
            if (topic != null) {
                ids.add(topic.topicId());
            }
        }
        if (member.subscribedTopicRegex() != null) {
            Pattern pattern = pattern(member.subscribedTopicRegex());
            subscribed.values().stream().filter(t -> pattern.matcher(t.topicName()).matches())
                    .forEach(t -> ids.add(t.topicId()));
        }
        return ids;
    }

    private Pattern pattern(String regex) {
        Pattern pattern = patterns.get(regex);
        if (pattern == null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new InvalidRegularExpression("Invalid regular expression " + regex + ": " + e.getMessage());
            }
            if (patterns.size() > 1000) {
                patterns.clear(); // bounded: regexes come from clients
            }
            patterns.put(regex, pattern);
        }
        return pattern;
    }
}
