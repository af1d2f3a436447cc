package io.tributary.server;

import io.tributary.broker.controller.LocalController;
import io.tributary.broker.producer.ProducerIdAllocator;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.MetadataImage;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AllocateProducerIdsResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.ElectLeadersRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;

/**
 * The single-node controller behind the broker's controller channel, until the cluster controller's
 * {@code MetadataController.handle(AbstractRequest)} replaces this dispatch: always active, runs the existing
 * topic and config operations, and serves producer id blocks from the broker's durable block file.
 */
final class SingleNodeController implements LocalController {

    private static final int PRODUCER_ID_BLOCK = 1000;

    private final int nodeId;
    private final MetadataController controller;
    private final ProducerIdAllocator producerIds;

    SingleNodeController(int nodeId, MetadataController controller, ProducerIdAllocator producerIds) {
        this.nodeId = nodeId;
        this.controller = controller;
        this.producerIds = producerIds;
    }

    @Override
    public CompletionStage<AbstractResponse> handle(AbstractRequest request) {
        if (request instanceof CreateTopicsRequest r) {
            return controller.createTopics(r.data()).thenApply(CreateTopicsResponse::new);
        }
        if (request instanceof DeleteTopicsRequest r) {
            return controller.deleteTopics(r.data(), r.version()).thenApply(DeleteTopicsResponse::new);
        }
        if (request instanceof CreatePartitionsRequest r) {
            return controller.createPartitions(r.data()).thenApply(CreatePartitionsResponse::new);
        }
        if (request instanceof IncrementalAlterConfigsRequest r) {
            return controller.incrementalAlterConfigs(r.data()).thenApply(IncrementalAlterConfigsResponse::new);
        }
        if (request instanceof AlterConfigsRequest r) {
            return controller.legacyAlterConfigs(r.data()).thenApply(AlterConfigsResponse::new);
        }
        if (request instanceof ElectLeadersRequest r) {
            return CompletableFuture.completedFuture(SingleNodeElections.elect(controller.image(), r));
        }
        if (request instanceof org.apache.kafka.common.requests.AllocateProducerIdsRequest) {
            return CompletableFuture.completedFuture(new AllocateProducerIdsResponse(new AllocateProducerIdsResponseData()
                    .setProducerIdStart(producerIds.reserveBlock(PRODUCER_ID_BLOCK))
                    .setProducerIdLen(PRODUCER_ID_BLOCK)));
        }
        return CompletableFuture.failedFuture(new UnsupportedVersionException(
                request.apiKey() + " needs the cluster controller"));
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public OptionalInt activeControllerId() {
        return OptionalInt.of(nodeId);
    }

    @Override
    public MetadataImage image() {
        return controller.image();
    }
}
