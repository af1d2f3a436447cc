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
 * Start-up probe: started before the broker, it sends a Metadata request (v12, no topics) over a raw socket every
 * millisecond (on the same connection while it stays open) until one is answered with at least one broker (over TLS and after a SCRAM login when the optional
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
        try (Poller poller = new Poller(connection, address, frame)) {
            while (System.currentTimeMillis() < deadline) {
                if (poller.answered()) {
                    System.out.println(System.currentTimeMillis());
                    return;
                }
                Thread.sleep(RETRY_PAUSE_MS);
            }
        }
        System.err.println("No Metadata answer from " + address + " within " + args[2] + " ms");
        System.exit(1);
    }

    /** Size-prefixed Metadata request; one correlation id will do, each answer is read before the next request
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
        try (Poller poller = new Poller(connection, address, frame)) {
            return poller.answered();
        }
    }

    /**
     * Asks on one connection until it fails, then on a new one: a broker that accepts connections before it can
     * name a broker is asked again without a new TLS handshake and SASL login each millisecond (which would take
     * CPU from its start-up).
     */
    static final class Poller implements AutoCloseable {
        private final ProbeConnection connection;
        private final InetSocketAddress address;
        private final ByteBuffer frame;
        private Socket socket;

        Poller(ProbeConnection connection, InetSocketAddress address, ByteBuffer frame) {
            this.connection = connection;
            this.address = address;
            this.frame = frame;
        }

        boolean answered() {
            try {
                if (socket == null) socket = connection.open(address);
                ProbeConnection.write(socket, frame.duplicate());
                return MetadataResponses.hasBrokers(AbstractResponse.parseResponse(ProbeConnection.read(socket), HEADER));
            } catch (IOException | RuntimeException e) {
                close(); // not listening yet, closed on us, or not ready: try again on a new connection
                return false;
            }
        }

        @Override
        public void close() {
            if (socket == null) return;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a failed connection: nothing to do
            }
            socket = null;
        }
    }
}
