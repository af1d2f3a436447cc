package io.tributary.coordinator.share.state;

import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorShard;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.protocol.Errors;

/** The share-partition states kept in one {@code __share_group_state} partition. Used on the event thread. */
final class ShareStateShard implements CoordinatorShard<ShareStateRecord> {

    private final Map<SharePartitionKey, SharePartitionState> states = new HashMap<>();

    @Override
    public void replay(ShareStateRecord record) {
        if (record.state() == null) {
            states.remove(record.key());
        } else {
            states.put(record.key(), record.state());
        }
    }

    @Override
    public void onLoaded() {
    }

    @Override
    public void onUnloaded() {
    }

    Optional<SharePartitionState> read(SharePartitionKey key) {
        return Optional.ofNullable(states.get(key));
    }

    /** A leader's write: refused if an admin reset (state epoch) or a newer leader (leader epoch) fenced it. */
    CoordinatorResult<Errors, ShareStateRecord> write(SharePartitionKey key, SharePartitionState state) {
        SharePartitionState current = states.get(key);
        if (current != null) {
            if (state.stateEpoch() < current.stateEpoch()) {
                return CoordinatorResult.of(Errors.FENCED_STATE_EPOCH);
            }
            if (state.stateEpoch() == current.stateEpoch() && state.leaderEpoch() < current.leaderEpoch()) {
                return CoordinatorResult.of(Errors.FENCED_LEADER_EPOCH);
            }
        }
        return CoordinatorResult.of(List.of(new ShareStateRecord(key, state)), Errors.NONE);
    }

    CoordinatorResult<Errors, ShareStateRecord> resetStartOffset(SharePartitionKey key, long startOffset) {
        SharePartitionState current = states.get(key);
        int stateEpoch = current == null ? 0 : current.stateEpoch() + 1;
        int leaderEpoch = current == null ? -1 : current.leaderEpoch();
        return CoordinatorResult.of(List.of(new ShareStateRecord(key,
                new SharePartitionState(stateEpoch, leaderEpoch, startOffset, List.of()))), Errors.NONE);
    }

    CoordinatorResult<Errors, ShareStateRecord> delete(SharePartitionKey key) {
        if (!states.containsKey(key)) {
            return CoordinatorResult.of(Errors.NONE);
        }
        return CoordinatorResult.of(List.of(new ShareStateRecord(key, null)), Errors.NONE);
    }
}
