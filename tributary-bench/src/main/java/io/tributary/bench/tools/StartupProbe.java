package io.tributary.bench.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Start-up probe: started before the broker, it sends a Metadata request (v12, no topics) over a plain socket every
 * millisecond until one is answered with at least one broker, then prints the wall-clock time of that answer in
 * epoch milliseconds. The harness subtracts the broker's launch time. A raw socket is used rather than a Kafka
 * client, whose reconnect back-off would add up to a second of delay of its own.
 *
 * <p>The request is encoded and the response parser warmed up before the probe prints {@code ready}, so that the
 * probe's own class loading is not counted; the harness launches the broker only after that line.
 *
 * <p>Usage: {@code StartupProbe HOST PORT TIMEOUT_MS}. Exits 1 if the broker did not answer in time.
 */
public final class StartupProbe {

    private static final short METADATA_VERSION = 12;
    private static final long RETRY_PAUSE_MS = 1;
    static final RequestHeader HEADER = new RequestHeader(ApiKeys.METADATA, METADATA_VERSION, "bench-startup-probe", 1);

    private StartupProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("Usage: StartupProbe HOST PORT TIMEOUT_MS");
            System.exit(1);
        }
        InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        ByteBuffer frame = encodeRequest();
        MetadataResponses.warmUpParser(HEADER);
        System.out.println("ready");
        System.out.flush();
        long deadline = System.currentTimeMillis() + Long.parseLong(args[2]);
        while (System.currentTimeMillis() < deadline) {
            if (answersMetadata(address, frame.duplicate())) {
                System.out.println(System.currentTimeMillis());
                return;
            }
            Thread.sleep(RETRY_PAUSE_MS);
        }
        System.err.println("No Metadata answer from " + address + " within " + args[2] + " ms");
        System.exit(1);
    }

    /** Size-prefixed Metadata request; every attempt uses a new connection, so one correlation id will do. */
    static ByteBuffer encodeRequest() {
        MetadataRequest request = new MetadataRequest.Builder(
                new MetadataRequestData().setTopics(List.of()).setAllowAutoTopicCreation(false))
                .build(METADATA_VERSION);
        ByteBuffer body = request.serializeWithHeader(HEADER);
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + body.remaining());
        return frame.putInt(body.remaining()).put(body).flip();
    }

    static boolean answersMetadata(InetSocketAddress address, ByteBuffer frame) {
        try (SocketChannel channel = SocketChannel.open(address)) {
            while (frame.hasRemaining()) channel.write(frame);
            ByteBuffer size = readFully(channel, Integer.BYTES);
            ByteBuffer response = readFully(channel, size.getInt());
            return MetadataResponses.hasBrokers(AbstractResponse.parseResponse(response, HEADER));
        } catch (IOException | RuntimeException e) {
            return false; // not listening yet, closed on us, or not ready: try again
        }
    }

    private static ByteBuffer readFully(SocketChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) throw new IOException("connection closed");
        }
        return buffer.flip();
    }
}
