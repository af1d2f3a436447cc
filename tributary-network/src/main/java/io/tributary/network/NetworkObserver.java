package io.tributary.network;

import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * What the socket server reports as it works (Kafka's RequestChannel and socket-server metrics): connections opened
 * and closed per listener and event loop, and each request's timeline. Called on the connection's event loop; an
 * implementation must not block. Times are {@link System#nanoTime()} readings.
 */
public interface NetworkObserver {

    NetworkObserver NONE = new NetworkObserver() {
        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** False for {@link #NONE}: the server then takes no timings at all. */
    default boolean enabled() {
        return true;
    }

    /** The server's event-loop count, known once it started ({@code networkProcessor} tags are 0 to n-1). */
    default void networkThreads(int count) {
    }

    default void connectionOpened(String listener, int networkProcessor) {
    }

    default void connectionClosed(String listener, int networkProcessor) {
    }

    /**
     * A request's answer went out (or, without a response, was settled).
     *
     * @param response    null when nothing was sent (produce acks=0, a closed connection)
     * @param receivedNs  its frame was read off the socket
     * @param handlingNs  the handler was called
     * @param localDoneNs the handler returned (its own work on the event loop done)
     * @param completedNs its answer was ready (remote work: replication, long polls, coordinators)
     * @param writeNs     its turn came and the response was written to the channel
     * @param sentNs      the response left for the socket
     * @param throttleMs  how long the connection is muted after this response (client quotas), 0 if not
     */
    default void requestCompleted(RequestContext context, AbstractRequest request, AbstractResponse response,
                                  long receivedNs, long handlingNs, long localDoneNs, long completedNs,
                                  long writeNs, long sentNs, int throttleMs) {
    }
}
