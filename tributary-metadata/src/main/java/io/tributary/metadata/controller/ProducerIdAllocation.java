package io.tributary.metadata.controller;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AllocateProducerIdsResponseData;
import org.apache.kafka.common.protocol.Errors;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ProducerIdsRecord;

/** Hands out blocks of producer ids; the next free id is in the metadata log, so a new controller continues. */
public final class ProducerIdAllocation {

    public static final int BLOCK_SIZE = 1000;

    public ControllerResult<AllocateProducerIdsResponseData> allocate(MetadataImage image,
                                                                      AllocateProducerIdsRequestData request) {
        AllocateProducerIdsResponseData response = new AllocateProducerIdsResponseData();
        Optional<BrokerRegistration> broker = image.brokers().get(request.brokerId());
        if (broker.isEmpty() || broker.get().epoch() != request.brokerEpoch()) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.STALE_BROKER_EPOCH.code())
                .setProducerIdStart(-1));
        }
        long start = image.nextProducerId();
        if (start > Long.MAX_VALUE - BLOCK_SIZE) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.UNKNOWN_SERVER_ERROR.code())
                .setProducerIdStart(-1));
        }
        return new ControllerResult<>(
            List.of(new ProducerIdsRecord(request.brokerId(), request.brokerEpoch(), start + BLOCK_SIZE)),
            response.setProducerIdStart(start).setProducerIdLen(BLOCK_SIZE));
    }
}
