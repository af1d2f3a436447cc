package io.tributary.coordinator.share.state;

import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;

/** One record of {@code __share_group_state}: a share-partition's whole state; null value = tombstone. */
public record ShareStateRecord(SharePartitionKey key, SharePartitionState state) {
}
