package io.tributary.broker.singleflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightSenderTest {

    /** An owner queueing strings; each request's answer is a future the test completes. */
    private static final class Owner {
        final List<String> queued = new ArrayList<>();
        final List<List<String>> sent = new ArrayList<>();
        final List<CompletableFuture<Integer>> requests = new ArrayList<>();
        final List<String> answers = new ArrayList<>();
        RuntimeException sendFails;
        final SingleFlightSender<List<String>, Integer> sender = new SingleFlightSender<>(this::take, this::send,
                (batch, answer, failure) -> answers.add(batch + "=" + (failure != null ? failure.getMessage()
                        : answer)));

        String enqueue(String item) {
            return sender.enqueue(() -> {
                queued.add(item);
                return "queued " + item;
            });
        }

        private List<String> take() {
            if (queued.isEmpty()) {
                return null;
            }
            List<String> batch = List.copyOf(queued);
            queued.clear();
            return batch;
        }

        private CompletableFuture<Integer> send(List<String> batch) {
            sent.add(batch);
            if (sendFails != null) {
                throw sendFails;
            }
            CompletableFuture<Integer> request = new CompletableFuture<>();
            requests.add(request);
            return request;
        }
    }

    @Test
    void sendsAtOnceThenQueuesWhileARequestIsInFlightAndSendsTheQueuedTogetherOnItsAnswer() {
        Owner owner = new Owner();
        assertThat(owner.enqueue("a")).isEqualTo("queued a");
        assertThat(owner.sent).containsExactly(List.of("a"));
        owner.enqueue("b");
        owner.enqueue("c");
        assertThat(owner.sent).hasSize(1);
        assertThat(owner.queued).containsExactly("b", "c");

        owner.requests.get(0).complete(1);
        assertThat(owner.answers).containsExactly("[a]=1");
        assertThat(owner.sent).containsExactly(List.of("a"), List.of("b", "c"));

        owner.requests.get(1).complete(2);
        assertThat(owner.answers).containsExactly("[a]=1", "[b, c]=2");
        owner.enqueue("d"); // nothing in flight any more: sent at once
        assertThat(owner.sent).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
    }

    @Test
    void aFailedRequestIsAnsweredWithItsFailureAndTheQueuedStillGo() {
        Owner owner = new Owner();
        owner.enqueue("a");
        owner.enqueue("b");
        owner.requests.get(0).completeExceptionally(new IllegalStateException("lost"));
        assertThat(owner.answers).containsExactly("[a]=lost");
        assertThat(owner.sent).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void aSendThatThrowsCountsAsAFailedRequest() {
        Owner owner = new Owner();
        owner.sendFails = new IllegalArgumentException("no such node");
        owner.enqueue("a");
        assertThat(owner.answers).containsExactly("[a]=no such node");
        owner.sendFails = null;
        owner.enqueue("b"); // not stuck in flight
        assertThat(owner.sent).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void manyThreadsOneRequestInFlightAtATimeEveryItemSentOnce() throws Exception {
        ExecutorService answering = Executors.newSingleThreadExecutor();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<String> queued = new ArrayList<>();
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        SingleFlightSender<List<String>, Integer> sender = new SingleFlightSender<>(() -> {
            if (queued.isEmpty()) {
                return null;
            }
            List<String> batch = List.copyOf(queued);
            queued.clear();
            return batch;
        }, batch -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sent.addAll(batch);
            return CompletableFuture.supplyAsync(batch::size, answering);
        }, (batch, answer, failure) -> inFlight.decrementAndGet());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String item = thread + "-" + i;
                        sender.enqueue(() -> queued.add(item));
                    }
                });
            }
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 2000);
        } finally {
            answering.shutdownNow();
        }
        assertThat(mostInFlight.get()).isEqualTo(1);
        assertThat(sent).hasSize(2000).doesNotHaveDuplicates();
    }
}
