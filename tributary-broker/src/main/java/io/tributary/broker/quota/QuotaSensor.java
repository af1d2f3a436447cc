package io.tributary.broker.quota;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.QuotaViolationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.TokenBucket;

/**
 * One client's (or one group of clients sharing a quota's) rate of one quota type, measured by a kafka-clients
 * {@link Sensor} whose metric carries the quota, as Kafka's ClientQuotaManager measures it; and the throttle time
 * Kafka derives from a violation.
 */
final class QuotaSensor {

    private final QuotaType type;
    private final Sensor sensor;
    private final Sensor throttleTime;
    private final double bound;
    private final MetricConfig config;

    QuotaSensor(QuotaType type, Sensor sensor, Sensor throttleTime, double bound, MetricConfig config) {
        this.type = type;
        this.sensor = sensor;
        this.throttleTime = throttleTime;
        this.bound = bound;
        this.config = config;
    }

    double bound() {
        return bound;
    }

    /** Records {@code value} at {@code nowMs}; returns how long the client must wait to be back within its quota. */
    int recordAndGetThrottleMs(double value, long nowMs) {
        try {
            sensor.record(value, nowMs, true);
            return 0;
        } catch (QuotaViolationException e) {
            return throttleTimeMs(e, nowMs);
        }
    }

    /** Takes back a recorded value (a throttled fetch is answered without data, so its bytes did not flow). */
    void unrecord(double value, long nowMs) {
        sensor.record(-value, nowMs, false);
    }

    /** Records without checking the quota (strict controller mutations record after they were admitted). */
    void recordNoCheck(double value, long nowMs) {
        sensor.record(value, nowMs, false);
    }

    /** The throttle time a strict quota answers with when it is already exhausted, else 0. */
    int exhaustedThrottleMs(long nowMs) {
        try {
            sensor.checkQuotas(nowMs);
            return 0;
        } catch (QuotaViolationException e) {
            return Math.max(1, throttleTimeMs(e, nowMs));
        }
    }

    /** Kafka's getMaxValueInQuotaWindow: the most one response may carry without being throttled for sure. */
    double maxValueInQuotaWindow() {
        return bound * (config.samples() - 1) * TimeUnit.MILLISECONDS.toSeconds(config.timeWindowMs());
    }

    void recordThrottle(int throttleMs) {
        throttleTime.record(throttleMs);
    }

    /**
     * Kafka's QuotaUtils.throttleTime: the time for the rate, over the window it was measured on, to fall back to
     * the bound; request time is capped at one window; a token bucket refills at the bound per second.
     */
    private int throttleTimeMs(QuotaViolationException e, long nowMs) {
        if (e.metric().measurable() instanceof TokenBucket) {
            return (int) Math.round(-e.value() / e.bound() * 1000);
        }
        Rate rate = (Rate) e.metric().measurable();
        long window = rate.windowSize(e.metric().config(), nowMs);
        long throttle = Math.round((e.value() - e.bound()) / e.bound() * window);
        if (type == QuotaType.REQUEST) {
            throttle = Math.min(throttle, config.timeWindowMs());
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, throttle));
    }
}
