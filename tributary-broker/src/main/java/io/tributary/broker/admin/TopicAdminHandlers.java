package io.tributary.broker.admin;

import io.tributary.broker.ApiHandler;
import io.tributary.metadata.MetadataController;
import io.tributary.network.ResponseAction;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;

/**
 * CreateTopics, DeleteTopics and CreatePartitions: each is a metadata change, so the controller validates it,
 * commits the records, and the answer goes out once the change is applied (the logs exist when it arrives).
 */
public final class TopicAdminHandlers {

    private final MetadataController controller;

    public TopicAdminHandlers(MetadataController controller) {
        this.controller = controller;
    }

    public ApiHandler<CreateTopicsRequest> createTopics() {
        return (context, request) -> controller.createTopics(request.data())
                .thenApply(data -> ResponseAction.send(new CreateTopicsResponse(data)));
    }

    public ApiHandler<DeleteTopicsRequest> deleteTopics() {
        return (context, request) -> controller.deleteTopics(request.data(), context.apiVersion())
                .thenApply(data -> ResponseAction.send(new DeleteTopicsResponse(data)));
    }

    public ApiHandler<CreatePartitionsRequest> createPartitions() {
        return (context, request) -> controller.createPartitions(request.data())
                .thenApply(data -> ResponseAction.send(new CreatePartitionsResponse(data)));
    }
}
