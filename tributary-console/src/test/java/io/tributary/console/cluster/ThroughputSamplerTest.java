package io.tributary.console.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.console.broker.NodeRates;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputSamplerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong messagesIn = new AtomicLong();
    private final ThroughputSampler sampler = new ThroughputSampler(new NodeRates() {
        @Override
        public long bytesIn() {
            return bytesIn.get();
        }

        @Override
        public long bytesOut() {
            return bytesOut.get();
        }

        @Override
        public long messagesIn() {
            return messagesIn.get();
        }
    }, clock::get);

    @Test
    void ratesArePerSecondOverEachInterval() {
        // given a first reading
        sampler.sample();
        assertThat(sampler.samples()).as("one reading is no interval yet").isEmpty();

        // when 5 s pass with traffic
        clock.addAndGet(5_000);
        bytesIn.addAndGet(50_000);
        bytesOut.addAndGet(10_000);
        messagesIn.addAndGet(500);
        sampler.sample();

        // then
        assertThat(sampler.samples()).containsExactly(
                new ThroughputSampler.Sample(1_005_000, 10_000, 2_000, 100));
    }

    @Test
    void keepsTheLastFifteenMinutes() {
        // when 200 intervals pass
        sampler.sample();
        for (int i = 1; i <= 200; i++) {
            clock.addAndGet(ThroughputSampler.INTERVAL_MS);
            messagesIn.addAndGet(i * 5L);
            sampler.sample();
        }

        // then the oldest are dropped
        var samples = sampler.samples();
        assertThat(samples).hasSize(ThroughputSampler.CAPACITY);
        assertThat(samples.get(0).messagesInPerSec()).isEqualTo(21.0);
        assertThat(samples.get(samples.size() - 1).messagesInPerSec()).isEqualTo(200.0);
        assertThat(samples.get(samples.size() - 1).t()).isEqualTo(1_000_000 + 200 * ThroughputSampler.INTERVAL_MS);
    }

    @Test
    void aCounterGoingBackReadsAsNoTraffic() {
        // given
        bytesIn.set(1_000);
        sampler.sample();

        // when
        clock.addAndGet(5_000);
        bytesIn.set(0);
        sampler.sample();

        // then
        assertThat(sampler.samples().get(0).bytesInPerSec()).isZero();
    }
}
