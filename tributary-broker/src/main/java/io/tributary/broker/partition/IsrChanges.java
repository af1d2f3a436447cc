package io.tributary.broker.partition;

import io.tributary.broker.partition.AlterPartitionSender.IsrMember;
import io.tributary.broker.partition.AlterPartitionSender.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader's ISR decisions: expand when a follower has caught up with the high watermark and the start of the
 * current epoch, shrink when a member has not been caught up for replica.lag.time.max.ms. Each change goes to
 * the controller as AlterPartition, one at a time per partition, and takes effect only once it answers.
 */
final class IsrChanges {

    private static final Logger LOG = LoggerFactory.getLogger(IsrChanges.class);

    private final Partition partition;
    /** Null on a broker without a controller channel: such a broker never changes an ISR. */
    private final AlterPartitionSender sender;

    IsrChanges(Partition partition, AlterPartitionSender sender) {
        this.partition = partition;
        this.sender = sender;
    }

    void maybeExpand(LeaderState state, FollowerState follower, long highWatermark) {
        if (sender == null || state.changePending() || state.inIsr(follower.brokerId())
                || !sender.isEligible(follower.brokerId())) {
            return;
        }
        long end = follower.logEndOffset();
        if (end < highWatermark || end < state.epochStartOffset()) {
            return;
        }
        int[] proposed = Arrays.copyOf(state.isr(), state.isr().length + 1);
        proposed[proposed.length - 1] = follower.brokerId();
        propose(state, proposed);
    }

    void maybeShrink(LeaderState state, long nowMs, long lagTimeMaxMs) {
        if (sender == null || state.changePending()) {
            return;
        }
        int[] kept = Arrays.stream(state.isr()).filter(member -> member == partition.localBrokerId()
                || caughtUpSince(state, member) >= nowMs - lagTimeMaxMs).toArray();
        if (kept.length == state.isr().length) {
            return;
        }
        LOG.info("Shrinking the ISR of {} from {} to {}", partition.topicPartition(), Arrays.toString(state.isr()),
                Arrays.toString(kept));
        propose(state, kept);
    }

    private static long caughtUpSince(LeaderState state, int member) {
        FollowerState follower = state.followers().get(member);
        return follower == null ? Long.MIN_VALUE : follower.lastCaughtUpMs();
    }

    private void propose(LeaderState state, int[] proposed) {
        LeaderState pending = state.withPending(proposed);
        if (!partition.replaceLeaderState(state, pending)) {
            return; // the state moved on meanwhile; the next fetch or timer tick decides again
        }
        List<IsrMember> members = new ArrayList<>(proposed.length);
        for (int member : proposed) {
            FollowerState follower = state.followers().get(member);
            long epoch = member == partition.localBrokerId() ? sender.brokerEpoch()
                    : follower == null ? -1L : follower.brokerEpoch();
            members.add(new IsrMember(member, epoch));
        }
        sender.send(partition.topicId(), partition.topicPartition().partition(), state.leaderEpoch(),
                        state.partitionEpoch(), members)
                .whenComplete((outcome, error) -> onAnswer(pending, outcome, error));
    }

    private void onAnswer(LeaderState sent, Outcome outcome, Throwable error) {
        if (error != null || outcome == null) {
            LOG.warn("AlterPartition for {} failed; will retry", partition.topicPartition(), error);
            clearPending(sent);
            return;
        }
        Errors result = outcome.error();
        if (result == Errors.NONE) {
            if (outcome.leaderEpoch() == sent.leaderEpoch() && outcome.partitionEpoch() > sent.partitionEpoch()) {
                partition.replaceLeaderState(sent, sent.withIsr(outcome.isr(), outcome.partitionEpoch()));
                partition.maybeAdvanceHighWatermark();
            }
            // Otherwise a newer term exists: the metadata image brings it.
            return;
        }
        if (result == Errors.INVALID_UPDATE_VERSION || result == Errors.FENCED_LEADER_EPOCH
                || result == Errors.NOT_LEADER_OR_FOLLOWER || result == Errors.UNKNOWN_TOPIC_OR_PARTITION
                || result == Errors.UNKNOWN_TOPIC_ID) {
            // Our view is stale: stay pending until the metadata image replaces it.
            LOG.info("AlterPartition for {} refused with {}; waiting for metadata", partition.topicPartition(),
                    result);
            return;
        }
        LOG.info("AlterPartition for {} refused with {}; will retry", partition.topicPartition(), result);
        clearPending(sent);
    }

    private void clearPending(LeaderState sent) {
        partition.replaceLeaderState(sent, sent.withIsr(sent.isr(), sent.partitionEpoch()));
    }
}
