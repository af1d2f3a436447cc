package io.tributary.quorum;

import java.util.OptionalInt;

import org.apache.kafka.common.errors.NotControllerException;

/** An append reached a controller that is not the quorum leader; carries the leader when this node knows it. */
public final class NotQuorumLeaderException extends NotControllerException {

    private static final long serialVersionUID = 1L;

    private final OptionalInt leaderId;

    public NotQuorumLeaderException(int nodeId, OptionalInt leaderId) {
        super("Node " + nodeId + " is not the metadata quorum leader; "
            + (leaderId.isPresent() ? "the leader is node " + leaderId.getAsInt() : "the leader is unknown"));
        this.leaderId = leaderId;
    }

    public OptionalInt leaderId() {
        return leaderId;
    }
}
