package io.tributary.broker.controller;

import io.tributary.metadata.image.MetadataImage;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * This node's metadata controller as the broker side sees it (the server adapts {@code MetadataController} to
 * it). Every node runs one; only the active one accepts operations.
 */
public interface LocalController {

    /**
     * Runs a controller request (CreateTopics, BrokerHeartbeat, ...) and answers it. Fails with Kafka's
     * {@code NotControllerException} when this node is not the active controller.
     */
    CompletionStage<AbstractResponse> handle(AbstractRequest request);

    boolean isActive();

    /** The node the quorum names as active controller, if one is known. */
    OptionalInt activeControllerId();

    /** The latest metadata image applied on this node. */
    MetadataImage image();
}
