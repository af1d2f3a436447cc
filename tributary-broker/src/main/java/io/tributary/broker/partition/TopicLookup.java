package io.tributary.broker.partition;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.Uuid;

/** Resolves topics by name or by id (requests from v13 of Produce and Fetch name topics by id). */
public final class TopicLookup {

    private final Supplier<MetadataImage> image;

    public TopicLookup(Supplier<MetadataImage> image) {
        this.image = image;
    }

    public Optional<TopicImage> byName(String name) {
        return image.get().topics().get(name);
    }

    public Optional<TopicImage> byId(Uuid id) {
        return Uuid.ZERO_UUID.equals(id) ? Optional.empty() : image.get().topics().get(id);
    }

    public MetadataImage image() {
        return image.get();
    }
}
