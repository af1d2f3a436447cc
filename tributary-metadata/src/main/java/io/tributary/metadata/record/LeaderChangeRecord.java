package io.tributary.metadata.record;

/**
 * Written by a controller when it becomes active. Its commit proves the new controller's image holds everything
 * committed before its epoch (like KRaft's leader change message); it changes nothing in the image.
 */
public record LeaderChangeRecord(int leaderId, int epoch) implements MetadataRecord {
}
