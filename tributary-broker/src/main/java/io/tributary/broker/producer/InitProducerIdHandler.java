package io.tributary.broker.producer;

import io.tributary.broker.ApiHandler;
import io.tributary.broker.Responses;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;

/**
 * InitProducerId for idempotent producers: each call gets a fresh producer id at epoch 0, as Kafka does when
 * no transactional id is given. Transactional ids need the transaction coordinator, which this broker does
 * not run yet (FindCoordinator is not advertised, so clients never get this far).
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest> {

    private final ProducerIdAllocator allocator;

    public InitProducerIdHandler(ProducerIdAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, InitProducerIdRequest request) {
        InitProducerIdResponseData data = new InitProducerIdResponseData().setProducerId(-1).setProducerEpoch((short) -1);
        if (request.data().transactionalId() != null) {
            data.setErrorCode(Errors.NOT_COORDINATOR.code());
        } else {
            data.setProducerId(allocator.nextProducerId()).setProducerEpoch((short) 0);
        }
        return Responses.completed(new InitProducerIdResponse(data));
    }
}
