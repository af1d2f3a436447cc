package io.tributary.metadata;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;

/**
 * Told about every committed metadata change, in log order, on the controller's metadata apply thread (one
 * thread, on every node, active controller or not). Implementations must be quick and must not block on the
 * controller (hand work off to another thread instead).
 */
@FunctionalInterface
public interface MetadataListener {
    void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage);
}
