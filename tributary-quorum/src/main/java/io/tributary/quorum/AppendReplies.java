package io.tributary.quorum;

import java.util.OptionalInt;
import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.NotControllerException;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;

/** Turns Ratis' answers to an append into an offset or the Kafka error a controller client understands. */
final class AppendReplies {

    private final int nodeId;

    AppendReplies(int nodeId) {
        this.nodeId = nodeId;
    }

    long offsetOf(RaftClientReply reply) {
        if (reply.isSuccess()) {
            return reply.getLogIndex();
        }
        RaftException failure = reply.getException();
        throw new CompletionException(translate(failure));
    }

    /** Maps "not (yet / any more) the leader" to {@link NotControllerException}; anything else is kept. */
    Throwable translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (cause instanceof NotLeaderException notLeader) {
            return new NotQuorumLeaderException(nodeId, leaderOf(notLeader.getSuggestedLeader()));
        }
        if (cause instanceof LeaderNotReadyException || cause instanceof LeaderSteppingDownException) {
            // This node is (was) the leader but cannot take appends now; the client retries and finds out.
            return new NotQuorumLeaderException(nodeId, OptionalInt.empty());
        }
        return cause == null ? new IllegalStateException("append failed without a cause") : cause;
    }

    private static OptionalInt leaderOf(RaftPeer peer) {
        return peer == null ? OptionalInt.empty() : RaftSettings.nodeIdOf(peer.getId());
    }
}
