package io.tributary.broker.controller;

import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.ElectLeadersRequest;

/** What the controller channel needs to know about the requests it carries. */
public final class ControllerRequests {

    /** Requests sent by a controller channel carry this client id prefix, followed by the sender's node id. */
    public static final String CLIENT_ID_PREFIX = "tributary-controller-channel-";

    /** How long a request without its own timeout may take, retries included. */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;

    private ControllerRequests() {
    }

    /** The client id a node's controller channel sends with (the NodeClient it uses is built with it). */
    public static String clientId(int nodeId) {
        return CLIENT_ID_PREFIX + nodeId;
    }

    /** Whether a request came from another node's controller channel, so it must not be forwarded again. */
    public static boolean isFromChannel(String clientId) {
        return clientId != null && clientId.startsWith(CLIENT_ID_PREFIX);
    }

    /** The request's own timeout where the API has one, else {@link #DEFAULT_TIMEOUT_MS}. */
    public static long timeoutMs(AbstractRequest request) {
        int timeout;
        if (request instanceof CreateTopicsRequest r) {
            timeout = r.data().timeoutMs();
        } else if (request instanceof DeleteTopicsRequest r) {
            timeout = r.data().timeoutMs();
        } else if (request instanceof CreatePartitionsRequest r) {
            timeout = r.data().timeoutMs();
        } else if (request instanceof ElectLeadersRequest r) {
            timeout = r.data().timeoutMs();
        } else if (request instanceof AlterPartitionReassignmentsRequest r) {
            timeout = r.data().timeoutMs();
        } else {
            return DEFAULT_TIMEOUT_MS;
        }
        // A zero timeout asks not to wait for the change to spread; it still has to reach the controller.
        return timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
    }

    /**
     * Creates one topic through the active controller; completes normally if it was created or already exists
     * (another broker raced us), exceptionally with Kafka's error otherwise.
     */
    public static CompletionStage<Void> createTopic(ControllerChannel controller, CreatableTopic topic) {
        CreateTopicsRequestData request = new CreateTopicsRequestData().setTimeoutMs(30_000);
        request.topics().add(topic);
        return controller.send(new CreateTopicsRequest.Builder(request).build()).thenAccept(response -> {
            CreatableTopicResult result = ((CreateTopicsResponse) response).data().topics().find(topic.name());
            Errors error = result == null ? Errors.UNKNOWN_SERVER_ERROR : Errors.forCode(result.errorCode());
            if (error != Errors.NONE && error != Errors.TOPIC_ALREADY_EXISTS) {
                throw error.exception("Cannot create " + topic.name() + ": "
                        + (result == null || result.errorMessage() == null ? error.message() : result.errorMessage()));
            }
        });
    }
}
