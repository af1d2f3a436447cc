package io.tributary.console.messages;

import io.tributary.console.broker.AccessControl;
import io.tributary.console.broker.LocalLogs;
import io.tributary.console.http.ConsoleRequest;
import io.tributary.console.http.EventStream;
import io.tributary.console.http.HttpError;
import io.tributary.console.search.RecordMatcher;
import io.tributary.console.search.SearchBudget;
import io.tributary.console.search.SearchField;
import io.tributary.console.search.SearchRun;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

/**
 * {@code GET /topics/{topic}/search}: finds messages by key, value or header substring or regex, next to the log.
 * Partitions with a replica on this node are read in place (after asking the broker's authorizer for READ on the
 * topic as the session's user); the others with the session's consumer. Matches, progress and the end are sent as
 * events; the search stops at the first limit reached (matches, bytes, time) or when the browser goes away.
 */
final class Search {

    static final long DEFAULT_MAX_BYTES = 1L << 30;
    static final long DEFAULT_MAX_MILLIS = 30_000;
    static final long MAX_MAX_MILLIS = 300_000;
    static final long DEFAULT_MAX_MATCHES = 100;
    static final long MAX_MAX_MATCHES = 10_000;

    private Search() {
    }

    static Object handle(ConsoleRequest request, LocalLogs localLogs, AccessControl access) throws Exception {
        try (EventStream events = request.eventStream()) {
            try {
                run(request, localLogs, access, events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                StreamFailures.send(events, e);
            }
        }
        return ConsoleRequest.STREAMED;
    }

    private static void run(ConsoleRequest request, LocalLogs localLogs, AccessControl access, EventStream events)
            throws Exception {
        String topic = request.path("topic");
        RecordMatcher matcher = matcher(request);
        StartPosition start = StartPosition.of(request, "beginning");
        if (start.from() == StartPosition.From.END) {
            throw HttpError.badRequest("A search reads forward: from must be beginning, offset or timestamp");
        }
        long maxMatches = positive(request, "maxMatches", DEFAULT_MAX_MATCHES, MAX_MAX_MATCHES);
        long maxBytes = positive(request, "maxBytes", DEFAULT_MAX_BYTES, Long.MAX_VALUE);
        long maxMillis = positive(request, "maxMillis", DEFAULT_MAX_MILLIS, MAX_MAX_MILLIS);
        List<TopicPartition> partitions = TopicPartitions.selected(request, topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        String host = request.exchange().getRemoteAddress().getAddress().getHostAddress();
        if (!access.allowed(request.session().principal(), host, AclOperation.READ, ResourceType.TOPIC,
                topic)) {
            throw new HttpError(403, "Not authorized to read topic " + topic, "TOPIC_AUTHORIZATION_FAILED");
        }
        Map<TopicPartition, Long> from = startOffsets(request, start, partitions);

        SearchBudget budget = new SearchBudget(maxMatches, maxBytes, maxMillis, System::nanoTime);
        SearchEvents sink = new SearchEvents(events, budget, partitions.size());
        List<SearchRun.Skipped> skipped = new SearchRun(matcher, budget, sink, localLogs,
                () -> request.session().clients().newConsumer()).run(from);
        if (!events.isOpen()) {
            budget.cancel();
        }
        sink.done(skipped);
    }

    private static RecordMatcher matcher(ConsoleRequest request) {
        String q = request.query("q").orElseThrow(() -> HttpError.badRequest("q (what to search for) is required"));
        String mode = request.query("mode", "substring");
        try {
            SearchField field = SearchField.parse(request.query("field", "value"));
            return switch (mode) {
                case "substring" -> RecordMatcher.substring(q, field);
                case "regex" -> RecordMatcher.regex(q, field);
                default -> throw HttpError.badRequest("mode must be substring or regex, not '" + mode + "'");
            };
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(e.getMessage());
        }
    }

    private static long positive(ConsoleRequest request, String name, long defaultValue, long max) {
        long value = request.queryLong(name, defaultValue);
        if (value <= 0) {
            throw HttpError.badRequest(name + " must be positive");
        }
        return Math.min(value, max);
    }

    /** Where each partition's scan starts; a timestamp is looked up with the session's Admin (ListOffsets). */
    private static Map<TopicPartition, Long> startOffsets(ConsoleRequest request, StartPosition start,
                                                          List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, Long> from = new LinkedHashMap<>();
        if (start.from() != StartPosition.From.TIMESTAMP) {
            long offset = start.from() == StartPosition.From.OFFSET ? start.offset() : 0L;
            partitions.forEach(tp -> from.put(tp, offset));
            return from;
        }
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, OffsetSpec.forTimestamp(start.timestamp())));
        Map<TopicPartition, ListOffsetsResultInfo> found = request.admin().listOffsets(query).all()
                .get(15, TimeUnit.SECONDS);
        // No record at or after the timestamp: nothing to scan there.
        partitions.forEach(tp -> from.put(tp, found.get(tp).offset() < 0 ? Long.MAX_VALUE : found.get(tp).offset()));
        return from;
    }
}
