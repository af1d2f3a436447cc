package io.tributary.broker.quota;

import io.tributary.broker.controller.ControllerRequests;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.RequestContext;
import io.tributary.network.RequestHandler;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceRequest;

/**
 * Enforces client quotas around the request handlers, as Kafka's request path does (KIP-219): the request is
 * handled, its bytes or handler time are recorded against the client's quota, and a client over it is answered
 * with {@code throttle_time_ms} set and then muted for that long by the network. A produce is appended; a fetch
 * over its byte rate is answered without data (and its bytes unrecorded), and asks for no more than the quota
 * window allows. Topic creations, deletions and partition additions go through {@link ControllerMutations}.
 * Requests of other nodes (follower fetches, controller channel, cluster actions) are exempt.
 */
public final class QuotaEnforcer implements RequestHandler {

    private static final double NANOS_TO_PERCENTAGE_PER_SECOND = 100.0 / 1_000_000_000.0;

    private final RequestHandler delegate;
    private final ClientQuotas quotas;
    private final ControllerMutations mutations;

    public QuotaEnforcer(RequestHandler delegate, ClientQuotas quotas, Supplier<MetadataImage> images) {
        this.delegate = delegate;
        this.quotas = quotas;
        this.mutations = new ControllerMutations(delegate, images, quotas.time());
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, AbstractRequest request) {
        ClientQuotas.ClientQuota client = quotas.forClient(context.principal(), context.clientId());
        if (client == null || exempt(context, request)) {
            return delegate.handle(context, request);
        }
        ApiKeys api = context.apiKey();
        QuotaSensor mutation = client.get(QuotaType.CONTROLLER_MUTATION);
        if (mutation != null && ControllerMutations.isMutation(api)) {
            return timed(client, () -> mutations.handle(context, request, mutation));
        }
        if (api == ApiKeys.PRODUCE) {
            return produce(context, (ProduceRequest) request, client);
        } else if (api == ApiKeys.FETCH) {
            return fetch(context, (FetchRequest) request, client);
        }
        return timed(client, () -> delegate.handle(context, request));
    }

    private CompletionStage<ResponseAction> produce(RequestContext context, ProduceRequest request,
                                                    ClientQuotas.ClientQuota client) {
        QuotaSensor bytesQuota = client.get(QuotaType.PRODUCE);
        QuotaSensor requestQuota = client.get(QuotaType.REQUEST);
        if (bytesQuota == null && requestQuota == null) {
            return delegate.handle(context, request);
        }
        long bytes = bytesQuota == null ? 0 : recordBytes(request.data());
        long start = System.nanoTime();
        CompletionStage<ResponseAction> stage = delegate.handle(context, request);
        long handlerNanos = System.nanoTime() - start;
        return stage.thenApply(action -> {
            long now = quotas.time().milliseconds();
            int bytesThrottle = bytesQuota == null ? 0 : bytesQuota.recordAndGetThrottleMs(bytes, now);
            int requestThrottle = recordRequestTime(requestQuota, handlerNanos, now);
            return throttle(action, bytesQuota, bytesThrottle, requestQuota, requestThrottle);
        });
    }

    private CompletionStage<ResponseAction> fetch(RequestContext context, FetchRequest request,
                                                  ClientQuotas.ClientQuota client) {
        QuotaSensor bytesQuota = client.get(QuotaType.FETCH);
        QuotaSensor requestQuota = client.get(QuotaType.REQUEST);
        if (bytesQuota == null && requestQuota == null) {
            return delegate.handle(context, request);
        }
        if (bytesQuota != null) {
            // Kafka: a fetch never asks for more than the quota lets through in one window.
            double cap = bytesQuota.maxValueInQuotaWindow();
            if (cap < request.data().maxBytes()) {
                request.data().setMaxBytes((int) Math.max(1, cap));
            }
        }
        long start = System.nanoTime();
        CompletionStage<ResponseAction> stage = delegate.handle(context, request);
        long handlerNanos = System.nanoTime() - start;
        return stage.thenApply(action -> {
            if (action.kind() != ResponseAction.Kind.SEND || !(action.response() instanceof FetchResponse response)) {
                return action;
            }
            long now = quotas.time().milliseconds();
            long bytes = bytesQuota == null ? 0 : responseBytes(response.data());
            int bytesThrottle = bytesQuota == null ? 0 : bytesQuota.recordAndGetThrottleMs(bytes, now);
            int requestThrottle = recordRequestTime(requestQuota, handlerNanos, now);
            int throttleMs = Math.max(bytesThrottle, requestThrottle);
            if (throttleMs <= 0 || response.error() != Errors.NONE) {
                return throttle(action, bytesQuota, bytesThrottle, requestQuota, requestThrottle);
            }
            if (bytesQuota != null) {
                bytesQuota.unrecord(bytes, now);
            }
            recordThrottle(bytesQuota, bytesThrottle, requestQuota, requestThrottle);
            // Over quota: the answer carries no data, only the throttle time (and the session it belongs to).
            FetchResponse empty = FetchResponse.of(new FetchResponseData()
                    .setErrorCode(Errors.NONE.code())
                    .setSessionId(response.sessionId())
                    .setThrottleTimeMs(throttleMs));
            return ResponseAction.send(empty).throttledFor(throttleMs);
        });
    }

    /** Any other request: only its handler time counts, against request_percentage. */
    private CompletionStage<ResponseAction> timed(ClientQuotas.ClientQuota client,
                                                  Supplier<CompletionStage<ResponseAction>> handling) {
        QuotaSensor requestQuota = client.get(QuotaType.REQUEST);
        if (requestQuota == null) {
            return handling.get();
        }
        long start = System.nanoTime();
        CompletionStage<ResponseAction> stage = handling.get();
        long handlerNanos = System.nanoTime() - start;
        return stage.thenApply(action -> {
            int requestThrottle = recordRequestTime(requestQuota, handlerNanos, quotas.time().milliseconds());
            return throttle(action, null, 0, requestQuota, requestThrottle);
        });
    }

    /** Sets the larger throttle time on the response and has the network mute the connection that long. */
    private static ResponseAction throttle(ResponseAction action, QuotaSensor first, int firstMs, QuotaSensor second,
                                           int secondMs) {
        int throttleMs = Math.max(Math.max(firstMs, secondMs), action.throttleMs());
        if (throttleMs <= 0) {
            return action;
        }
        recordThrottle(first, firstMs, second, secondMs);
        if (action.kind() == ResponseAction.Kind.SEND) {
            AbstractResponse response = action.response();
            response.maybeSetThrottleTimeMs(Math.max(throttleMs, response.throttleTimeMs()));
        }
        return action.throttledFor(throttleMs);
    }

    /** Kafka records the throttle on the quota that throttled most. */
    private static void recordThrottle(QuotaSensor first, int firstMs, QuotaSensor second, int secondMs) {
        if (first != null && firstMs >= secondMs && firstMs > 0) {
            first.recordThrottle(firstMs);
        } else if (second != null && secondMs > 0) {
            second.recordThrottle(secondMs);
        }
    }

    private static int recordRequestTime(QuotaSensor requestQuota, long handlerNanos, long nowMs) {
        return requestQuota == null ? 0
                : requestQuota.recordAndGetThrottleMs(handlerNanos * NANOS_TO_PERCENTAGE_PER_SECOND, nowMs);
    }

    private static boolean exempt(RequestContext context, AbstractRequest request) {
        ApiKeys api = context.apiKey();
        return api.clusterAction || ControllerRequests.isFromChannel(context.clientId())
                || (request instanceof FetchRequest fetch && fetch.isFromFollower());
    }

    private static long recordBytes(ProduceRequestData data) {
        long bytes = 0;
        for (ProduceRequestData.TopicProduceData topic : data.topicData()) {
            for (ProduceRequestData.PartitionProduceData partition : topic.partitionData()) {
                if (partition.records() != null) {
                    bytes += partition.records().sizeInBytes();
                }
            }
        }
        return bytes;
    }

    private static long responseBytes(FetchResponseData data) {
        long bytes = 0;
        for (FetchResponseData.FetchableTopicResponse topic : data.responses()) {
            for (FetchResponseData.PartitionData partition : topic.partitions()) {
                bytes += FetchResponse.recordsSize(partition);
            }
        }
        return bytes;
    }
}
