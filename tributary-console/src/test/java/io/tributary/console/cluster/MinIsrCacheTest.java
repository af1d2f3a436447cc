package io.tributary.console.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.junit.jupiter.api.Test;

class MinIsrCacheTest {

    private static final KafkaPrincipal ALICE = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "alice");
    private static final KafkaPrincipal BOB = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "bob");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final MinIsrCache cache = new MinIsrCache(clock::get);
    private final Uuid ordersId = Uuid.randomUuid();

    @Test
    void aValueIsKeptForHalfAMinuteToAMinute() {
        // given
        assertThat(cache.stale(ALICE, List.of("orders"))).containsExactly("orders");
        cache.put(ALICE, "orders", ordersId, 2);

        // when / then
        assertThat(cache.stale(ALICE, List.of("orders"))).isEmpty();
        assertThat(cache.get(ALICE, "orders", ordersId)).contains(2);
        clock.addAndGet(MinIsrCache.MIN_AGE_MS - 1);
        assertThat(cache.stale(ALICE, List.of("orders"))).isEmpty();
        clock.addAndGet(MinIsrCache.MIN_AGE_MS + 1);
        assertThat(cache.stale(ALICE, List.of("orders"))).containsExactly("orders");
    }

    @Test
    void valuesArePerPrincipalAndPerTopicIncarnation() {
        // given
        cache.put(ALICE, "orders", ordersId, 2);

        // then
        assertThat(cache.stale(BOB, List.of("orders"))).as("bob's ACLs may differ").containsExactly("orders");
        assertThat(cache.get(ALICE, "orders", Uuid.randomUuid())).as("a topic created again").isEmpty();
    }

    @Test
    void topicsNoLongerListedAreForgotten() {
        // given
        cache.put(ALICE, "orders", ordersId, 2);

        // when
        cache.stale(ALICE, List.of("payments"));

        // then
        assertThat(cache.get(ALICE, "orders", ordersId)).isEmpty();
    }
}
