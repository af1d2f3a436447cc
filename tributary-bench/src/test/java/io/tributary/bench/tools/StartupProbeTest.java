package io.tributary.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

class StartupProbeTest {

    @Test
    void encodesAMetadataRequestFrameWithItsSizePrefix() {
        // when
        ByteBuffer frame = StartupProbe.encodeRequest();

        // then
        int size = frame.getInt();
        assertThat(size).isEqualTo(frame.remaining());
        RequestHeader header = RequestHeader.parse(frame);
        assertThat(header.apiKey()).isEqualTo(ApiKeys.METADATA);
        assertThat(header.apiVersion()).isEqualTo((short) 12);
    }

    @Test
    void acceptsAMetadataResponseNamingABroker() {
        // then
        assertThat(MetadataResponses.warmUpParser(StartupProbe.HEADER)).isTrue();
    }

    @Test
    void aPortNobodyAnswersOnIsNotReady() throws IOException {
        // given
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        // when
        boolean answered = StartupProbe.answersMetadata(ProbeConnection.plaintext(), new InetSocketAddress("127.0.0.1", port),
                StartupProbe.encodeRequest());

        // then
        assertThat(answered).isFalse();
    }
}
