package io.tributary.metadata;

/**
 * Told about every committed metadata change, on the controller thread, in log order. Implementations must be
 * quick and must not block on the controller (hand work off to another thread instead).
 */
@FunctionalInterface
public interface MetadataListener {
    void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage);
}
