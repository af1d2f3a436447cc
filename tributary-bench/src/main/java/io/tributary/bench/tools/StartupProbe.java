package io.tributary.bench.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.List;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Start-up probe: started before the broker, it sends a Metadata request (v12, no topics) over a plain socket every
 * millisecond until one is answered with at least one broker (over TLS and after a SCRAM login when the optional
 * client config says so, as the perf tools' {@code --command-config}), then prints the wall-clock time of that answer in
 * epoch milliseconds. The harness subtracts the broker's launch time. A raw socket is used rather than a Kafka
 * client, whose reconnect back-off would add up to a second of delay of its own.
 *
 * <p>The request is encoded and the response parser warmed up before the probe prints {@code ready}, so that the
 * probe's own class loading is not counted; the harness launches the broker only after that line.
 *
 * <p>Usage: {@code StartupProbe HOST PORT TIMEOUT_MS [CLIENT_CONFIG]}. Exits 1 if the broker did not answer in time.
 */
public final class StartupProbe {

    private static final short METADATA_VERSION = 12;
    private static final long RETRY_PAUSE_MS = 1;
    static final RequestHeader HEADER = new RequestHeader(ApiKeys.METADATA, METADATA_VERSION, "bench-startup-probe", 1);

    private StartupProbe() {
    }

    public static void main(String[] args) throws InterruptedException, IOException, GeneralSecurityException {
        if (args.length != 3 && args.length != 4) {
            System.err.println("Usage: StartupProbe HOST PORT TIMEOUT_MS [CLIENT_CONFIG]");
            System.exit(1);
        }
        InetSocketAddress address = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        ProbeConnection connection = args.length == 4
                ? ProbeConnection.fromClientConfig(ClientConfigFile.load(args[3]))
                : ProbeConnection.plaintext();
        ByteBuffer frame = encodeRequest();
        MetadataResponses.warmUpParser(HEADER);
        connection.warmUp();
        System.out.println("ready");
        System.out.flush();
        long deadline = System.currentTimeMillis() + Long.parseLong(args[2]);
        while (System.currentTimeMillis() < deadline) {
            if (answersMetadata(connection, address, frame.duplicate())) {
                System.out.println(System.currentTimeMillis());
                return;
            }
            Thread.sleep(RETRY_PAUSE_MS);
        }
        System.err.println("No Metadata answer from " + address + " within " + args[2] + " ms");
        System.exit(1);
    }

    /** Size-prefixed Metadata request; every attempt uses a new connection, so one correlation id will do
     * (SASL requests before it use others). */
    static ByteBuffer encodeRequest() {
        MetadataRequest request = new MetadataRequest.Builder(
                new MetadataRequestData().setTopics(List.of()).setAllowAutoTopicCreation(false))
                .build(METADATA_VERSION);
        ByteBuffer body = request.serializeWithHeader(HEADER);
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + body.remaining());
        return frame.putInt(body.remaining()).put(body).flip();
    }

    static boolean answersMetadata(ProbeConnection connection, InetSocketAddress address, ByteBuffer frame) {
        try (Socket socket = connection.open(address)) {
            ProbeConnection.write(socket, frame);
            ByteBuffer response = ProbeConnection.read(socket);
            return MetadataResponses.hasBrokers(AbstractResponse.parseResponse(response, HEADER));
        } catch (IOException | RuntimeException e) {
            return false; // not listening yet, closed on us, or not ready: try again
        }
    }
}
