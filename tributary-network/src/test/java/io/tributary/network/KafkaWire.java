package io.tributary.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/** Test helpers that speak Kafka's wire format from the client side. */
final class KafkaWire {

    static final String CLIENT_ID = "test-client";

    private KafkaWire() {
    }

    /** A size-prefixed request frame as a client would send it. */
    static byte[] requestBytes(AbstractRequest request, int correlationId) {
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), CLIENT_ID, correlationId);
        return sizePrefixed(request.serializeWithHeader(header));
    }

    static ByteBuf requestFrame(AbstractRequest request, int correlationId) {
        return Unpooled.wrappedBuffer(requestBytes(request, correlationId));
    }

    /** A size-prefixed frame holding only a request header (for versions kafka-clients can't serialise) + body. */
    static byte[] headerOnlyBytes(ApiKeys api, short version, int correlationId, byte[] body) {
        RequestHeader header = new RequestHeader(api, version, CLIENT_ID, correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        header.data().addSize(size, cache, header.headerVersion());
        ByteBuffer buffer = ByteBuffer.allocate(size.totalSize() + body.length);
        header.data().write(new ByteBufferAccessor(buffer), cache, header.headerVersion());
        buffer.put(body);
        buffer.flip();
        return sizePrefixed(buffer);
    }

    static byte[] sizePrefixed(ByteBuffer payload) {
        ByteBuffer framed = ByteBuffer.allocate(4 + payload.remaining());
        framed.putInt(payload.remaining()).put(payload.duplicate());
        return framed.array();
    }

    /** Everything the channel wrote, in order, with file regions read out; releases all outbound messages. */
    static byte[] drainOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WritableByteChannel sink = Channels.newChannel(bytes);
        Object message;
        while ((message = channel.readOutbound()) != null) {
            try {
                if (message instanceof ByteBuf buffer) {
                    byte[] array = new byte[buffer.readableBytes()];
                    buffer.readBytes(array);
                    bytes.write(array, 0, array.length);
                } else if (message instanceof FileRegion region) {
                    while (region.transferred() < region.count()) {
                        region.transferTo(sink, region.transferred());
                    }
                } else {
                    throw new AssertionError("Unexpected outbound message " + message);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ReferenceCountUtil.release(message);
            }
        }
        return bytes.toByteArray();
    }

    /** Splits a byte stream into frames (size prefixes removed). */
    static List<ByteBuffer> frames(byte[] stream) {
        ByteBuffer buffer = ByteBuffer.wrap(stream);
        List<ByteBuffer> frames = new ArrayList<>();
        while (buffer.remaining() >= 4) {
            int size = buffer.getInt();
            ByteBuffer frame = buffer.slice();
            frame.limit(size);
            frames.add(frame);
            buffer.position(buffer.position() + size);
        }
        if (buffer.hasRemaining()) {
            throw new AssertionError("Trailing partial frame of " + buffer.remaining() + " bytes");
        }
        return frames;
    }

    record Response(ResponseHeader header, AbstractResponse body) {
        int correlationId() {
            return header.correlationId();
        }
    }

    static Response parseResponse(ByteBuffer frame, ApiKeys api, short version, short headerVersion) {
        ResponseHeader header = ResponseHeader.parse(frame, headerVersion);
        AbstractResponse body = AbstractResponse.parseResponse(api, new ByteBufferAccessor(frame), version);
        if (frame.hasRemaining()) {
            throw new AssertionError(frame.remaining() + " unread bytes after the response body");
        }
        return new Response(header, body);
    }

    static Response parseResponse(ByteBuffer frame, ApiKeys api, short version) {
        return parseResponse(frame, api, version, api.responseHeaderVersion(version));
    }
}
