package io.tributary.broker.fetch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;

/**
 * Fetch sessions by id (KIP-227). Resolves each request into a {@link FetchContext}: sessionless, a new full
 * session, or an incremental update of an existing one. Least recently used sessions make room for new ones.
 */
public final class FetchSessionCache {

    private final int maxSessions;
    private final Map<Integer, FetchSession> sessions = new ConcurrentHashMap<>();

    public FetchSessionCache(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /** Thrown for a request that refers to a session we can't honour; answered with a top-level error. */
    static final class SessionError extends Exception {
        private static final long serialVersionUID = 1L;
        final Errors error;

        SessionError(Errors error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    FetchContext resolve(FetchRequest request, Map<Uuid, String> topicNames, boolean usesTopicIds)
            throws SessionError {
        FetchMetadata metadata = request.metadata();
        List<FetchTarget> requested = targets(request.fetchData(topicNames));
        if (metadata.isFull()) {
            if (metadata.sessionId() != FetchMetadata.INVALID_SESSION_ID) {
                sessions.remove(metadata.sessionId());
            }
            if (metadata.epoch() == FetchMetadata.FINAL_EPOCH) {
                return new SessionlessContext(requested);
            }
            FetchSession session = create(usesTopicIds, requested);
            return new FullSessionContext(session, requested);
        }
        FetchSession session = sessions.get(metadata.sessionId());
        if (session == null) {
            throw new SessionError(Errors.FETCH_SESSION_ID_NOT_FOUND);
        }
        if (session.usesTopicIds() != usesTopicIds) {
            throw new SessionError(Errors.FETCH_SESSION_TOPIC_ID_ERROR);
        }
        Errors epochError = session.checkEpoch(metadata.epoch());
        if (epochError != Errors.NONE) {
            throw new SessionError(epochError);
        }
        List<TopicIdPartition> forgotten = request.forgottenTopics(topicNames);
        return new IncrementalContext(session, session.update(requested, forgotten));
    }

    int size() {
        return sessions.size();
    }

    private FetchSession create(boolean usesTopicIds, List<FetchTarget> targets) {
        if (maxSessions <= 0) {
            return null;
        }
        if (sessions.size() >= maxSessions) {
            sessions.values().stream()
                    .min(Comparator.comparingLong(FetchSession::lastUsedNanos))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        while (true) {
            int id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            FetchSession session = new FetchSession(id, usesTopicIds, targets);
            if (sessions.putIfAbsent(id, session) == null) {
                return session;
            }
        }
    }

    private static List<FetchTarget> targets(Map<TopicIdPartition, FetchRequest.PartitionData> data) {
        List<FetchTarget> targets = new ArrayList<>(data.size());
        data.forEach((partition, params) -> targets.add(new FetchTarget(partition, params)));
        return targets;
    }

    private record SessionlessContext(List<FetchTarget> targets) implements FetchContext {
        @Override
        public org.apache.kafka.common.message.FetchResponseData buildResponse(List<PartitionRead> reads) {
            return FetchResponses.of(FetchMetadata.INVALID_SESSION_ID, reads);
        }
    }

    /** A new session: the answer lists every partition and tells the client the session id (0 if none). */
    private record FullSessionContext(FetchSession session, List<FetchTarget> targets) implements FetchContext {
        @Override
        public org.apache.kafka.common.message.FetchResponseData buildResponse(List<PartitionRead> reads) {
            if (session == null) {
                return FetchResponses.of(FetchMetadata.INVALID_SESSION_ID, reads);
            }
            return FetchResponses.of(session.id(), session.record(reads, false));
        }
    }

    private record IncrementalContext(FetchSession session, List<FetchTarget> targets) implements FetchContext {
        @Override
        public org.apache.kafka.common.message.FetchResponseData buildResponse(List<PartitionRead> reads) {
            return FetchResponses.of(session.id(), session.record(reads, true));
        }
    }
}
