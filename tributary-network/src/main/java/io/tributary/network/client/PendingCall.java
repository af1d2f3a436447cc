package io.tributary.network.client;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A request written on a connection and waiting for its response. A call that timed out stays queued (its future
 * already failed) so that its late response is still matched, in order, and dropped.
 */
record PendingCall(RequestHeader header, CompletableFuture<AbstractResponse> future) {
}
