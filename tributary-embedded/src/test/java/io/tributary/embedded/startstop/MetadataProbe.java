package io.tributary.embedded.startstop;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * One Metadata v12 round trip over a plain socket: "the broker answers" without a client's own start-up costs
 * (an Admin or producer would add its threads and reconnect back-off to the figure).
 */
final class MetadataProbe {

    private static final short VERSION = 12;

    private MetadataProbe() {
    }

    /** Sends a Metadata request for no topics and returns how many brokers the answer names. */
    static int brokersNamedBy(String host, int port) {
        RequestHeader header = new RequestHeader(ApiKeys.METADATA, VERSION, "start-stop-probe", 1);
        MetadataRequest request = new MetadataRequest(new MetadataRequestData().setTopics(
                new java.util.ArrayList<>()).setAllowAutoTopicCreation(false), VERSION);
        ByteBuffer frame = request.serializeWithHeader(header);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(10_000);
            byte[] out = new byte[4 + frame.remaining()];
            ByteBuffer.wrap(out).putInt(frame.remaining()).put(frame);
            socket.getOutputStream().write(out);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            AbstractResponse response = AbstractResponse.parseResponse(ByteBuffer.wrap(body), header);
            return ((MetadataResponse) response).brokers().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
