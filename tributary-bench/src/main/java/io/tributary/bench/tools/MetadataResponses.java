package io.tributary.bench.tools;

import java.nio.ByteBuffer;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;

/** What the start-up probe accepts as an answer, and a local round trip to load the parsing classes early. */
final class MetadataResponses {

    private MetadataResponses() {
    }

    static boolean hasBrokers(AbstractResponse response) {
        return response instanceof MetadataResponse metadata && !metadata.brokers().isEmpty();
    }

    /** Encodes a one-broker response locally and parses it back; returns whether it was accepted. */
    static boolean warmUpParser(RequestHeader header) {
        MetadataResponseData.MetadataResponseBrokerCollection brokers =
                new MetadataResponseData.MetadataResponseBrokerCollection();
        brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("localhost").setPort(1));
        MetadataResponseData body = new MetadataResponseData().setBrokers(brokers).setClusterId("warm-up");
        ResponseHeaderData responseHeader = new ResponseHeaderData().setCorrelationId(header.correlationId());
        short headerVersion = header.apiKey().responseHeaderVersion(header.apiVersion());

        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        responseHeader.addSize(size, cache, headerVersion);
        body.addSize(size, cache, header.apiVersion());
        ByteBuffer buffer = ByteBuffer.allocate(size.totalSize());
        ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
        responseHeader.write(accessor, cache, headerVersion);
        body.write(accessor, cache, header.apiVersion());
        return hasBrokers(AbstractResponse.parseResponse(buffer.flip(), header));
    }
}
