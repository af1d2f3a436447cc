package io.tributary.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.EWMA;
import com.codahale.metrics.Meter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TickedMovingAveragesTest {

    @Test
    void ratesAreDropwizardsEwmasFedTheCountPerTick() {
        TickedMovingAverages averages = new TickedMovingAverages();
        Meter meter = new Meter(averages);
        averages.follow(meter::getCount);
        EWMA m1 = EWMA.oneMinuteEWMA();
        EWMA m5 = EWMA.fiveMinuteEWMA();
        EWMA m15 = EWMA.fifteenMinuteEWMA();
        long[] perTick = {500, 0, 1200, 7, 0, 0, 300_000, 42};
        for (long marks : perTick) {
            meter.mark(marks / 2);
            meter.mark(marks - marks / 2);
            for (EWMA ewma : new EWMA[] {m1, m5, m15}) {
                ewma.update(marks);
                ewma.tick();
            }
            averages.tick();
            assertThat(meter.getOneMinuteRate()).isCloseTo(m1.getRate(TimeUnit.SECONDS), within(1e-9));
            assertThat(meter.getFiveMinuteRate()).isCloseTo(m5.getRate(TimeUnit.SECONDS), within(1e-9));
            assertThat(meter.getFifteenMinuteRate()).isCloseTo(m15.getRate(TimeUnit.SECONDS), within(1e-9));
        }
        assertThat(meter.getCount()).isEqualTo(301_749);
        assertThat(meter.getMeanRate()).isPositive();
    }

    @Test
    void marksBeforeTheFirstTickCountButShowNoRateYet() {
        Meter meter = TickedMovingAverages.newMeter();
        meter.mark(10);
        assertThat(meter.getCount()).isEqualTo(10);
        assertThat(meter.getOneMinuteRate()).as("as Dropwizard's and Yammer's: rates start at the first tick")
                .isZero();
    }

    @Test
    void theTickThreadMovesTheRatesOfRegisteredMeters() {
        Meter meter = new KafkaMetrics().meter(MetricName.of("kafka.server", "BrokerTopicMetrics", "BytesInPerSec"),
                "bytes");
        meter.mark(5_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> meter.getOneMinuteRate() > 0);
        // 5,000 in one 5-second tick: at most 1,000 per second (ticks with nothing marked only lower it)
        assertThat(meter.getOneMinuteRate()).isLessThanOrEqualTo(1_000.0);
        assertThat(meter.getFifteenMinuteRate()).isPositive().isLessThanOrEqualTo(1_000.0);
        assertThat(meter.getCount()).isEqualTo(5_000);
    }
}
