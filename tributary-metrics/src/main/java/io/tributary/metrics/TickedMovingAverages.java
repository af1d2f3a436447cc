package io.tributary.metrics;

import com.codahale.metrics.EWMA;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MovingAverages;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A meter's 1, 5 and 15-minute rates, moved on every 5 seconds by the {@link MeterTicker} from how much the meter's
 * count grew since the last tick, as the tick thread of Yammer 2's meters (Kafka's) does. A mark then costs the
 * meter's one count add: Dropwizard's own averages read the clock and add to three more counters on every mark. The
 * arithmetic is Dropwizard's {@link EWMA}, fed the same per-tick counts.
 */
final class TickedMovingAverages implements MovingAverages {

    static final long TICK_SECONDS = 5;

    private final EWMA m1 = EWMA.oneMinuteEWMA();
    private final EWMA m5 = EWMA.fiveMinuteEWMA();
    private final EWMA m15 = EWMA.fifteenMinuteEWMA();
    private LongSupplier count = () -> 0;
    private long countAtLastTick;

    /** A meter whose rates are ticked by the {@link MeterTicker}: its marks cost one count add. */
    static Meter newMeter() {
        TickedMovingAverages averages = new TickedMovingAverages();
        Meter meter = new Meter(averages);
        averages.follow(meter::getCount);
        MeterTicker.register(averages);
        return meter;
    }

    /** The count these rates follow: the meter's, known once the meter that holds these averages is built. */
    synchronized void follow(LongSupplier meterCount) {
        this.count = meterCount;
        this.countAtLastTick = meterCount.getAsLong();
    }

    /** One 5-second interval has passed: what the count grew by in it goes into the three averages. */
    synchronized void tick() {
        long now = count.getAsLong();
        long delta = now - countAtLastTick;
        countAtLastTick = now;
        update(m1, delta);
        update(m5, delta);
        update(m15, delta);
    }

    private static void update(EWMA ewma, long delta) {
        ewma.update(delta);
        ewma.tick();
    }

    @Override
    public void tickIfNecessary() {
        // Ticked by the MeterTicker's thread, never by a mark or a read.
    }

    @Override
    public void update(long n) {
        // The meter's count holds the marks; the tick reads it.
    }

    @Override
    public double getM1Rate() {
        return m1.getRate(TimeUnit.SECONDS);
    }

    @Override
    public double getM5Rate() {
        return m5.getRate(TimeUnit.SECONDS);
    }

    @Override
    public double getM15Rate() {
        return m15.getRate(TimeUnit.SECONDS);
    }
}
