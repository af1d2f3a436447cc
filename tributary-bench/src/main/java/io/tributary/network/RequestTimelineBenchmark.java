package io.tributary.network;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.tributary.bench.AverageTimeBenchmark;
import io.tributary.bench.storage.RecordBatches;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.server.metrics.RequestMetricsRecorder;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One consumer Fetch answered through the network layer as a connection answers it: the request's timeline taken
 * (the event loop's {@code System.nanoTime()} readings), its response written in turn by the
 * {@link ResponseSequencer} into an {@link EmbeddedChannel}, flushed, and, once sent, recorded as Kafka's
 * RequestMetrics (Fetch and FetchConsumer: rates, errors, seven histograms each). {@code observer=none} is the same
 * without metrics (no timeline, no recording): the difference is what request metrics cost per response.
 */
public class RequestTimelineBenchmark extends AverageTimeBenchmark {

    @Param({"none", "metrics"})
    String observer;

    private final short version = ApiKeys.FETCH.latestVersion();
    private EmbeddedChannel channel;
    private ChannelHandlerContext ctx;
    private ResponseSequencer sequencer;
    private DecodedRequest decoded;
    private RequestContext context;
    private ResponseAction action;
    private boolean timed;

    @Setup(Level.Trial)
    public void setUp() {
        MemoryRecords records = RecordBatches.batch(64, 1024, 3L);
        List<FetchResponseData.PartitionData> data = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            data.add(new FetchResponseData.PartitionData().setPartitionIndex(p).setHighWatermark(1_000_000L)
                    .setLastStableOffset(1_000_000L).setLogStartOffset(0L).setRecords(records));
        }
        List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
        topics.add(new FetchResponseData.FetchableTopicResponse().setTopic("bench").setTopicId(Uuid.randomUuid())
                .setPartitions(data));
        action = ResponseAction.send(FetchResponse.of(new FetchResponseData().setSessionId(1).setResponses(topics)));
        RequestHeader header = new RequestHeader(ApiKeys.FETCH, version, "perf", 7);
        FetchRequest request = new FetchRequest(new FetchRequestData().setReplicaId(-1).setMaxWaitMs(500)
                .setMinBytes(1).setMaxBytes(52_428_800), version);
        decoded = new DecodedRequest(header, request, version, ApiKeys.FETCH.responseHeaderVersion(version));
        context = new RequestContext(header, "c-1", InetAddress.getLoopbackAddress(), "PLAINTEXT");
        NetworkObserver chosen = observer.equals("metrics") ? new RequestMetricsRecorder(new KafkaMetrics())
                : NetworkObserver.NONE;
        timed = chosen.enabled();
        sequencer = new ResponseSequencer(true, chosen);
        channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ctx = channel.pipeline().firstContext();
    }

    @TearDown(Level.Trial)
    public void close() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public int answer() {
        InFlightRequest request = new InFlightRequest(context, decoded, null);
        if (timed) { // what ConnectionHandler reads: received, handler called, handler returned, completed
            request.receivedNs = System.nanoTime();
            request.handlingNs = System.nanoTime();
            request.localDoneNs = System.nanoTime();
            request.completedNs = System.nanoTime();
        }
        request.complete(action, null);
        sequencer.add(request);
        sequencer.drain(ctx);
        channel.flush();
        int messages = 0;
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            ReferenceCountUtil.release(message);
            messages++;
        }
        return messages;
    }
}
