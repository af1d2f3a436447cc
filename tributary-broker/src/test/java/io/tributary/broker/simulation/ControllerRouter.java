package io.tributary.broker.simulation;

import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/** Where brokers' controller requests go: the quorum leader as the brokers know it, and that node's controller. */
interface ControllerRouter {

    /** The node brokers send controller requests to now, or -1 when there is no quorum leader. */
    int activeControllerNode();

    /** Handles {@code request} on node {@code nodeId}'s controller (fails there if it is not active). */
    CompletionStage<AbstractResponse> handle(int nodeId, AbstractRequest request);
}
