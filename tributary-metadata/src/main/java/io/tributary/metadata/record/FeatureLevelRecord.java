package io.tributary.metadata.record;

/** Finalizes a feature at a level (UpdateFeatures, {@code kafka-features}); level 0 disables it. */
public record FeatureLevelRecord(String name, short level) implements MetadataRecord {
}
