package io.tributary.network;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Quota;
import org.apache.kafka.common.metrics.QuotaViolationException;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.utils.Time;

/**
 * Connection creation rates (KIP-612), measured as Kafka's ConnectionQuotas measures them: a kafka-clients
 * {@link Rate} per listener, one broker-wide, one per client address with a quota, each with its quota; the throttle
 * time is the time for the rate to fall back to the quota. Only used under the {@link ConnectionQuotas} lock.
 */
final class ConnectionRates implements AutoCloseable {

    private final Time time;
    private final Metrics metrics;
    private ConnectionLimits.CreationRates rates = ConnectionLimits.CreationRates.NONE;
    private final Map<String, Sensor> sensors = new HashMap<>();

    ConnectionRates(Time time) {
        this.time = time;
        this.metrics = new Metrics(new MetricConfig(), List.of(), time, true);
    }

    /** New limits start new rates (the measured history of a changed limit is dropped). */
    void update(ConnectionLimits.CreationRates newRates) {
        if (!newRates.equals(rates)) {
            sensors.keySet().forEach(metrics::removeSensor);
            sensors.clear();
            rates = newRates;
        }
    }

    /**
     * Records a connection accepted on a listener; returns how long the listener should stop accepting (the larger
     * of the listener's and, unless it is the inter-broker listener, the broker-wide throttle), or 0.
     */
    long recordListener(String listenerName, boolean heldByBrokerLimit) {
        long now = time.milliseconds();
        long throttle = record("listener-" + listenerName, rates.forListener(listenerName), now, false);
        if (heldByBrokerLimit) {
            throttle = Math.max(throttle, record("broker", rates.brokerWide(), now, false));
        }
        return throttle;
    }

    /** Records a connection from an address; over its quota it is taken back and the throttle time returned. */
    long recordAddress(InetAddress address) {
        return record("ip-" + address.getHostAddress(), rates.forAddress(address), time.milliseconds(), true);
    }

    private long record(String name, int limit, long now, boolean unrecordIfThrottled) {
        if (limit == Integer.MAX_VALUE) {
            return 0;
        }
        Sensor sensor = sensors.computeIfAbsent(name, n -> {
            Sensor created = metrics.sensor(n, new MetricConfig()
                    .samples(rates.windowNum())
                    .timeWindow(rates.windowSizeSeconds(), TimeUnit.SECONDS)
                    .quota(Quota.upperBound(limit)), 3600);
            created.add(metrics.metricName("connection-creation-rate", "ConnectionQuotas", Map.of("name", n)),
                    new Rate());
            return created;
        });
        try {
            sensor.record(1.0, now, true);
            return 0;
        } catch (QuotaViolationException e) {
            if (unrecordIfThrottled) {
                sensor.record(-1.0, now, false);
            }
            Rate rate = (Rate) e.metric().measurable();
            long window = rate.windowSize(e.metric().config(), now);
            return Math.max(1, Math.round((e.value() - e.bound()) / e.bound() * window));
        }
    }

    @Override
    public void close() {
        metrics.close();
    }
}
