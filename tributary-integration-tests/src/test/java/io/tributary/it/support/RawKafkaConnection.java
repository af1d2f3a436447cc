package io.tributary.it.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A bare TCP connection speaking Kafka framing (int32 size + payload), for tests that must control the exact bytes:
 * malformed frames, unsupported versions, pipelining.
 */
public final class RawKafkaConnection implements AutoCloseable {

    private static final String CLIENT_ID = "tributary-raw-it";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawKafkaConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawKafkaConnection open(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
        return new RawKafkaConnection(socket);
    }

    public static RequestHeader header(ApiKeys api, short version, int correlationId) {
        return new RequestHeader(api, version, CLIENT_ID, correlationId);
    }

    /** Serializes a request built by kafka-clients, with its header, as one frame. */
    public static byte[] frameOf(AbstractRequest request, RequestHeader header) {
        ByteBuffer payload = request.serializeWithHeader(header);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.remaining());
        frame.putInt(payload.remaining()).put(payload);
        return frame.array();
    }

    public static byte[] frameOf(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    public void send(AbstractRequest request, RequestHeader header) throws IOException {
        writeRaw(frameOf(request, header));
    }

    /** How long a receive waits for the broker before failing with a SocketTimeoutException. */
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response frame and returns its payload (response header + body). */
    public ByteBuffer receiveFrame() throws IOException {
        int size = in.readInt();
        byte[] payload = new byte[size];
        in.readFully(payload);
        return ByteBuffer.wrap(payload);
    }

    /** Reads one response and parses it for the given request header (checks the correlation id too). */
    @SuppressWarnings("unchecked")
    public <R extends AbstractResponse> R receive(RequestHeader requestHeader) throws IOException {
        return (R) AbstractResponse.parseResponse(receiveFrame(), requestHeader);
    }

    public <R extends AbstractResponse> R roundTrip(AbstractRequest request, RequestHeader header) throws IOException {
        send(request, header);
        return receive(header);
    }

    /**
     * True if the broker closed (or reset) the connection within the timeout; false if the socket stayed open and
     * silent. Any bytes the broker sends first are skipped.
     */
    public boolean closedByPeerWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read() != -1) {
                // Skip whatever the broker says before closing; only the close matters.
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
