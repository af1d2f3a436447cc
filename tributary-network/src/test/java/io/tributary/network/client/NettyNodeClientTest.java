package io.tributary.network.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import io.tributary.network.NetworkConfig;
import io.tributary.network.RequestContext;
import io.tributary.network.RequestHandler;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.FetchableTopicResponse;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyNodeClientTest {

    private static final String CLIENT_ID = "tributary-replica-fetcher-1";
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final long TIMEOUT_MS = 10_000;

    private final List<RequestContext> contexts = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<ResponseAction>> stages = new CopyOnWriteArrayList<>();
    private NettyServer server;
    private NettyNodeClient client;

    @AfterEach
    void tearDown() {
        if (client != null) client.close();
        if (server != null) server.close();
    }

    private int startServer(RequestHandler handler) throws InterruptedException {
        server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")),
                (api, version) -> api.isVersionSupported(version), handler);
        server.start();
        return server.boundPort("PLAINTEXT");
    }

    /** Every request waits for the test to complete its stage. */
    private int startManualServer() throws InterruptedException {
        return startServer((context, request) -> {
            CompletableFuture<ResponseAction> stage = new CompletableFuture<>();
            contexts.add(context);
            stages.add(stage);
            return stage;
        });
    }

    private static RequestHandler answering(BiFunction<RequestContext, AbstractRequest, ResponseAction> answer) {
        return (context, request) -> CompletableFuture.completedFuture(answer.apply(context, request));
    }

    private static ApiVersionsRequest apiVersions() {
        return new ApiVersionsRequest.Builder().build((short) 3);
    }

    /** An ApiVersions answer tagged with a number, to tell responses apart. */
    private static ResponseAction tagged(int tag) {
        return ResponseAction.send(new ApiVersionsResponse(new ApiVersionsResponseData().setThrottleTimeMs(tag)));
    }

    private static int tagOf(CompletableFuture<AbstractResponse> future) throws Exception {
        return ((ApiVersionsResponse) future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).throttleTimeMs();
    }

    private void awaitStages(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (stages.size() < count && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(stages).hasSize(count);
    }

    private static Throwable failureOf(CompletableFuture<AbstractResponse> future) {
        assertThatThrownBy(() -> future.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isInstanceOf(ExecutionException.class);
        return future.handle((r, e) -> e).join();
    }

    @Test
    void sendsARequestWithItsClientIdAndParsesTheResponse() throws Exception {
        // given
        int port = startServer(answering((context, request) -> {
            contexts.add(context);
            return tagged(7);
        }));
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);

        // when
        CompletableFuture<AbstractResponse> response = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);

        // then
        assertThat(tagOf(response)).isEqualTo(7);
        assertThat(contexts).singleElement().satisfies(c -> assertThat(c.header().clientId()).isEqualTo(CLIENT_ID));
    }

    @Test
    void pipelinedRequestsShareOneConnectionAndGetTheirOwnResponses() throws Exception {
        // given
        int port = startManualServer();
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);
        List<CompletableFuture<AbstractResponse>> responses = new ArrayList<>();

        // when
        for (int i = 0; i < 5; i++) responses.add(client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS));
        awaitStages(5);
        for (int i = 4; i >= 0; i--) stages.get(i).complete(tagged(100 + i)); // the server answers out of order

        // then
        for (int i = 0; i < 5; i++) assertThat(tagOf(responses.get(i))).isEqualTo(100 + i);
        assertThat(contexts).extracting(RequestContext::connectionId).containsOnly(contexts.get(0).connectionId());
        assertThat(contexts).extracting(c -> c.header().correlationId()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aRequestTimesOutAloneAndItsLateResponseIsDropped() throws Exception {
        // given
        int port = startManualServer();
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);
        CompletableFuture<AbstractResponse> slow = client.send("127.0.0.1", port, apiVersions(), 200);

        // when
        Throwable failure = failureOf(slow);
        CompletableFuture<AbstractResponse> next = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);
        awaitStages(2);
        stages.get(0).complete(tagged(1));
        stages.get(1).complete(tagged(2));

        // then
        assertThat(failure).isInstanceOf(TimeoutException.class);
        assertThat(tagOf(next)).isEqualTo(2);
        assertThat(contexts.get(1).connectionId()).isEqualTo(contexts.get(0).connectionId());
    }

    @Test
    void aClosedConnectionFailsEveryWaitingRequestAndTheNextSendReconnects() throws Exception {
        // given
        int port = startManualServer();
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);
        CompletableFuture<AbstractResponse> first = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);
        CompletableFuture<AbstractResponse> second = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);
        awaitStages(2);

        // when the server closes the connection instead of answering
        stages.get(0).complete(ResponseAction.closeConnection());

        // then
        assertThat(failureOf(first)).isInstanceOf(DisconnectException.class);
        assertThat(failureOf(second)).isInstanceOf(DisconnectException.class);
        stages.get(1).complete(tagged(2)); // the server holds the request's buffer until its handler answers
        CompletableFuture<AbstractResponse> third = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);
        awaitStages(3);
        stages.get(2).complete(tagged(3));
        assertThat(tagOf(third)).isEqualTo(3);
        assertThat(contexts.get(2).connectionId()).isNotEqualTo(contexts.get(0).connectionId());
    }

    @Test
    void anUnreachableNodeFailsWithDisconnect() throws Exception {
        // given a port nothing listens on any more
        int port = startManualServer();
        server.close();
        server = null;
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);

        // when
        CompletableFuture<AbstractResponse> response = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);

        // then
        assertThat(failureOf(response)).isInstanceOf(DisconnectException.class);
    }

    @Test
    void aServerRestartedOnTheSamePortIsReachedAgain() throws Exception {
        // given
        int port = startServer(answering((context, request) -> tagged(1)));
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);
        assertThat(tagOf(client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS))).isEqualTo(1);

        // when
        server.close();
        server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:" + port)),
                (api, version) -> api.isVersionSupported(version), answering((context, request) -> tagged(2)));
        server.start();

        // then the first send after the restart may still see the old connection close; the next one gets through
        CompletableFuture<AbstractResponse> response = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);
        if (response.handle((r, e) -> e).get(TIMEOUT_MS, TimeUnit.MILLISECONDS) != null)
            response = client.send("127.0.0.1", port, apiVersions(), TIMEOUT_MS);
        assertThat(tagOf(response)).isEqualTo(2);
    }

    private static MemoryRecords records(int count, int valueBytes) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[valueBytes];
            value[0] = (byte) i;
            records[i] = new SimpleRecord(1_700_000_000_000L, value);
        }
        return MemoryRecords.withRecords(Compression.NONE, records);
    }

    private static ResponseAction fetchAnswer(MemoryRecords records) {
        FetchResponseData data = new FetchResponseData().setResponses(List.of(new FetchableTopicResponse()
                .setTopicId(Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ")).setPartitions(List.of(new PartitionData()
                        .setPartitionIndex(0).setHighWatermark(40).setRecords(records)))));
        return ResponseAction.send(FetchResponse.of(data));
    }

    private static FetchRequest replicaFetch() {
        return FetchRequest.Builder.forReplica((short) 15, 2, 1L, 500, 1, Map.of()).build((short) 15);
    }

    @Test
    void aLargeFetchResponseArrivesWhole() throws Exception {
        // given 20 MiB of records
        MemoryRecords sent = records(20, 1024 * 1024);
        int port = startServer(answering((context, request) -> fetchAnswer(sent)));
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);

        // when
        FetchResponse response = (FetchResponse) client.send("127.0.0.1", port, replicaFetch(), TIMEOUT_MS)
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);

        // then
        PartitionData partition = response.data().responses().get(0).partitions().get(0);
        assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
        MemoryRecords received = (MemoryRecords) FetchResponse.recordsOrFail(partition);
        assertThat(received.sizeInBytes()).isEqualTo(sent.sizeInBytes());
        assertThat(received.buffer()).isEqualTo(sent.buffer().duplicate().rewind());
        RecordBatch batch = received.batches().iterator().next();
        batch.ensureValid();
        assertThat(batch.lastOffset()).isEqualTo(19);
    }

    @Test
    void aResponseOverTheLimitClosesTheConnection() throws Exception {
        // given
        int port = startServer(answering((context, request) -> fetchAnswer(records(4, 1024 * 1024))));
        client = new NettyNodeClient(CLIENT_ID, 1024 * 1024);

        // when
        CompletableFuture<AbstractResponse> response = client.send("127.0.0.1", port, replicaFetch(), TIMEOUT_MS);

        // then
        assertThat(failureOf(response)).isInstanceOf(DisconnectException.class);
    }

    @Test
    void sendingAfterCloseFails() {
        // given
        client = new NettyNodeClient(CLIENT_ID, MAX_RESPONSE_BYTES);
        client.close();

        // when
        CompletableFuture<AbstractResponse> response = client.send("127.0.0.1", 9, apiVersions(), TIMEOUT_MS);

        // then
        assertThat(response).isCompletedExceptionally();
    }

}
