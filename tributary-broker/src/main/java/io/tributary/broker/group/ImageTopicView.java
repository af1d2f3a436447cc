package io.tributary.broker.group;

import io.tributary.broker.partition.TopicLookup;
import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.metadata.image.TopicImage;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.Uuid;

/** The group coordinator's view of topics, read from the current metadata image. */
public final class ImageTopicView implements TopicMetadataView {

    private final TopicLookup topics;

    public ImageTopicView(TopicLookup topics) {
        this.topics = topics;
    }

    @Override
    public OptionalInt partitionCount(String topic) {
        return topics.byName(topic).map(t -> OptionalInt.of(t.numPartitions())).orElse(OptionalInt.empty());
    }

    @Override
    public Optional<Uuid> topicId(String topic) {
        return topics.byName(topic).map(TopicImage::id);
    }

    @Override
    public Optional<String> topicName(Uuid topicId) {
        return topics.byId(topicId).map(TopicImage::name);
    }

    @Override
    public Collection<String> topicNames() {
        return topics.image().topics().all().stream().map(TopicImage::name).toList();
    }
}
