package io.tributary.broker.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class VerificationChainsTest {

    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);
    private static final long PRODUCER = 7L;

    private final VerificationChains chains = new VerificationChains();
    private final List<String> appended = new ArrayList<>();
    private final AtomicInteger asked = new AtomicInteger();

    @Test
    void laterWritesWaitForTheFirstVerificationAndAppendInArrivalOrder() {
        // given
        CompletableFuture<Errors> coordinator = new CompletableFuture<>();

        // when
        List<CompletableFuture<Errors>> writes = new ArrayList<>();
        for (String write : List.of("first", "second", "third")) {
            writes.add(chains.submit(PARTITION, PRODUCER, () -> {
                asked.incrementAndGet();
                return coordinator;
            }, error -> {
                appended.add(write);
                return CompletableFuture.completedFuture(error);
            }));
        }
        boolean waitingBefore = chains.isWaiting(PARTITION, PRODUCER);
        List<String> beforeAnswer = List.copyOf(appended);
        coordinator.complete(Errors.NONE);

        // then
        assertThat(waitingBefore).isTrue();
        assertThat(beforeAnswer).isEmpty();
        assertThat(asked).hasValue(1);
        assertThat(appended).containsExactly("first", "second", "third");
        assertThat(writes).allSatisfy(write -> assertThat(write.join()).isEqualTo(Errors.NONE));
        assertThat(chains.isWaiting(PARTITION, PRODUCER)).isFalse();
    }

    @Test
    void everyWaitingWriteGetsARefusalAndTheNextWriteAsksAgain() {
        // given
        CompletableFuture<Errors> first = chains.submit(PARTITION, PRODUCER,
                () -> CompletableFuture.completedFuture(Errors.TRANSACTION_ABORTABLE),
                CompletableFuture::completedFuture);

        // when
        CompletableFuture<Errors> next = chains.submit(PARTITION, PRODUCER, () -> {
            asked.incrementAndGet();
            return CompletableFuture.completedFuture(Errors.NONE);
        }, CompletableFuture::completedFuture);

        // then
        assertThat(first.join()).isEqualTo(Errors.TRANSACTION_ABORTABLE);
        assertThat(next.join()).isEqualTo(Errors.NONE);
        assertThat(asked).hasValue(1);
    }

    @Test
    void anAppendThatThrowsFailsOnlyItsWriteAndReleasesTheNext() {
        // given
        CompletableFuture<Errors> coordinator = new CompletableFuture<>();
        CompletableFuture<Errors> failing = chains.submit(PARTITION, PRODUCER, () -> coordinator, error -> {
            throw new IllegalStateException("log closed");
        });
        CompletableFuture<Errors> after = chains.submit(PARTITION, PRODUCER, () -> coordinator,
                CompletableFuture::completedFuture);

        // when
        coordinator.complete(Errors.NONE);

        // then
        assertThat(failing).isCompletedExceptionally();
        assertThat(after.join()).isEqualTo(Errors.NONE);
        assertThat(chains.isWaiting(PARTITION, PRODUCER)).isFalse();
    }
}
