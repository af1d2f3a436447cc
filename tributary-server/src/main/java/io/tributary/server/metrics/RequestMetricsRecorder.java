package io.tributary.server.metrics;

import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import io.tributary.metrics.KafkaMetrics;
import io.tributary.metrics.MetricName;
import io.tributary.network.NetworkObserver;
import io.tributary.network.RequestContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;

/**
 * Kafka's {@code kafka.network:type=RequestMetrics} per request name (the API's name; fetches also as
 * {@code FetchConsumer} or {@code FetchFollower}), plus the socket server's connection metrics and the idle ratio of
 * the event loops. A request's metrics set is found by array index, created on first use.
 */
public final class RequestMetricsRecorder implements NetworkObserver {

    private static final int FETCH_CONSUMER = ApiKeys.FETCH.id;
    private final KafkaMetrics metrics;
    private final AtomicReferenceArray<RequestMetricsSet> byApi;
    private final RequestMetricsSet[] fetchKinds = new RequestMetricsSet[2];
    private final ConnectionMetrics connections;
    /** Nanoseconds event loops spent in request handlers, for the idle ratios. */
    private final LongAdder busyNanos = new LongAdder();
    private final IdleRatio idle;

    public RequestMetricsRecorder(KafkaMetrics metrics) {
        this.metrics = metrics;
        int maxId = 0;
        for (ApiKeys key : ApiKeys.values()) {
            maxId = Math.max(maxId, key.id);
        }
        this.byApi = new AtomicReferenceArray<>(maxId + 1);
        this.fetchKinds[0] = new RequestMetricsSet(metrics, "FetchConsumer", ApiKeys.FETCH.latestVersion());
        this.fetchKinds[1] = new RequestMetricsSet(metrics, "FetchFollower", ApiKeys.FETCH.latestVersion());
        this.connections = new ConnectionMetrics(metrics);
        this.idle = new IdleRatio(busyNanos::sum);
        metrics.gauge(MetricName.of("kafka.network", "SocketServer", "NetworkProcessorAvgIdlePercent"),
                idle::value);
        metrics.gauge(MetricName.of("kafka.server", "KafkaRequestHandlerPool", "RequestHandlerAvgIdlePercent"),
                idle::value);
    }

    @Override
    public void networkThreads(int count) {
        idle.threads(count);
    }

    @Override
    public void connectionOpened(String listener, int networkProcessor) {
        connections.opened(listener, networkProcessor);
    }

    @Override
    public void connectionClosed(String listener, int networkProcessor) {
        connections.closed(listener, networkProcessor);
    }

    @Override
    public void requestCompleted(RequestContext context, AbstractRequest request, AbstractResponse response,
                                 long receivedNs, long handlingNs, long localDoneNs, long completedNs, long writeNs,
                                 long sentNs, int throttleMs) {
        busyNanos.add(localDoneNs - receivedNs);
        ApiKeys api = context.apiKey();
        RequestMetricsSet main = forApi(api);
        // Produce and Fetch answers are almost always error-free: count those without errorCounts()'s map.
        int allNone = ErrorTally.countIfAllNone(response);
        Map<Errors, Integer> errors = allNone >= 0 || response == null ? Map.of() : response.errorCounts();
        main.record(context.apiVersion(), allNone, errors, receivedNs, handlingNs, localDoneNs, completedNs, writeNs,
                sentNs, throttleMs);
        if (api.id == FETCH_CONSUMER && request instanceof FetchRequest fetch) {
            fetchKinds[fetch.isFromFollower() ? 1 : 0].record(context.apiVersion(), allNone, errors, receivedNs,
                    handlingNs, localDoneNs, completedNs, writeNs, sentNs, throttleMs);
        }
    }

    private RequestMetricsSet forApi(ApiKeys api) {
        RequestMetricsSet set = byApi.get(api.id);
        if (set == null) {
            byApi.compareAndSet(api.id, null, new RequestMetricsSet(metrics, api.name, api.latestVersion(true)));
            set = byApi.get(api.id);
        }
        return set;
    }

    /** One request name's meters and histograms. */
    static final class RequestMetricsSet {
        private static final String GROUP = "kafka.network";
        private static final String TYPE = "RequestMetrics";
        private final KafkaMetrics metrics;
        private final String request;
        private final AtomicReferenceArray<Meter> requestsByVersion;
        private final AtomicReferenceArray<Meter> errorsByCode;
        private final Histogram requestQueueTime;
        private final Histogram localTime;
        private final Histogram remoteTime;
        private final Histogram throttleTime;
        private final Histogram responseQueueTime;
        private final Histogram responseSendTime;
        private final Histogram totalTime;

        RequestMetricsSet(KafkaMetrics metrics, String request, short latestVersion) {
            this.metrics = metrics;
            this.requestsByVersion = new AtomicReferenceArray<>(latestVersion + 1);
            this.request = request;
            int maxCode = 0;
            for (Errors error : Errors.values()) {
                maxCode = Math.max(maxCode, error.code());
            }
            this.errorsByCode = new AtomicReferenceArray<>(maxCode + 2); // code -1 (UNKNOWN_SERVER_ERROR) at 0
            this.requestQueueTime = histogram("RequestQueueTimeMs");
            this.localTime = histogram("LocalTimeMs");
            this.remoteTime = histogram("RemoteTimeMs");
            this.throttleTime = histogram("ThrottleTimeMs");
            this.responseQueueTime = histogram("ResponseQueueTimeMs");
            this.responseSendTime = histogram("ResponseSendTimeMs");
            this.totalTime = histogram("TotalTimeMs");
        }

        /** @param allNone how many NONE errors the response holds when it holds no other, else -1 ({@code errors}) */
        void record(short version, int allNone, Map<Errors, Integer> errors, long receivedNs, long handlingNs,
                    long localDoneNs, long completedNs, long writeNs, long sentNs, int throttleMs) {
            requests(version).mark();
            if (allNone > 0) {
                errorMeter(Errors.NONE).mark(allNone);
            } else if (allNone < 0) {
                errors.forEach((error, count) -> errorMeter(error).mark(count));
            }
            requestQueueTime.update(millis(handlingNs - receivedNs));
            localTime.update(millis(localDoneNs - handlingNs));
            remoteTime.update(millis(completedNs - localDoneNs));
            throttleTime.update(throttleMs);
            responseQueueTime.update(millis(writeNs - completedNs));
            responseSendTime.update(millis(sentNs - writeNs));
            totalTime.update(millis(sentNs - receivedNs));
        }

        private Meter requests(short version) {
            if (version < 0 || version >= requestsByVersion.length()) { // answered at version 0 (ApiVersions)
                version = 0;
            }
            Meter meter = requestsByVersion.get(version);
            if (meter == null) {
                meter = metrics.meter(MetricName.of(GROUP, TYPE, "RequestsPerSec", "request", request,
                        "version", Short.toString(version)), "requests");
                requestsByVersion.set(version, meter);
            }
            return meter;
        }

        private Meter errorMeter(Errors error) {
            int index = error.code() + 1;
            Meter meter = errorsByCode.get(index);
            if (meter == null) {
                meter = metrics.meter(MetricName.of(GROUP, TYPE, "ErrorsPerSec", "request", request,
                        "error", error.name()), "requests");
                errorsByCode.set(index, meter);
            }
            return meter;
        }

        private Histogram histogram(String name) {
            return metrics.histogram(MetricName.of(GROUP, TYPE, name, "request", request));
        }

        /** Kafka rounds each phase to whole milliseconds. */
        private static long millis(long nanos) {
            return Math.round(Math.max(0, nanos) / 1_000_000.0);
        }
    }
}
