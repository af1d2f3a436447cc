package io.tributary.broker.quota;

import io.tributary.metadata.image.ClientQuotasImage;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.quota.QuotaKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Quota;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.TokenBucket;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.utils.Time;

/**
 * The client quotas in force on this broker, read from the metadata image, and the rates they are measured on
 * (kafka-clients {@link Metrics}, named as Kafka names them and published over JMX as Kafka publishes them:
 * {@code kafka.server:type=Produce|Fetch|Request|ControllerMutation,user=...,client-id=...}). Each (principal, client id) is resolved
 * once per change of the quotas; with no client quota set at all, {@link #forClient} answers null at the cost of
 * one image read and one reference comparison.
 */
public final class ClientQuotas implements AutoCloseable {

    /** Kafka purges the sensors of a client idle for an hour. */
    private static final long INACTIVE_SENSOR_EXPIRATION_SECONDS = 3600;
    /** Bounds the memory of resolutions when client ids churn; a cleared entry is simply resolved again. */
    private static final int MAX_CACHED_USERS = 10_000;

    private static final String JMX_PREFIX = "kafka.server";

    private final QuotaSettings settings;
    private final Supplier<MetadataImage> images;
    private final Time time;
    private final Metrics metrics;
    private volatile Resolutions resolutions = new Resolutions(ClientQuotasImage.EMPTY, false);

    public ClientQuotas(QuotaSettings settings, Supplier<MetadataImage> images, Time time) {
        this.settings = settings;
        this.images = images;
        this.time = time;
        // Published over JMX with Kafka's names: kafka.server:type=Produce,user=...,client-id=... (empty tags left out)
        this.metrics = new Metrics(new MetricConfig(), List.of(new JmxReporter()), time, true,
                new KafkaMetricsContext(JMX_PREFIX));
    }

    Time time() {
        return time;
    }

    Metrics metrics() {
        return metrics;
    }

    /** The quotas applying to this client, or null when none does (none set at all, or only for others). */
    ClientQuota forClient(KafkaPrincipal principal, String clientId) {
        ClientQuotasImage current = images.get().clientQuotas();
        Resolutions cached = resolutions;
        if (cached.quotas != current) {
            cached = new Resolutions(current, hasClientQuotas(current));
            resolutions = cached;
        }
        if (!cached.any) {
            return null;
        }
        String user = principal.getName();
        String client = clientId == null ? "" : clientId;
        Map<String, ClientQuota> ofUser = cached.byUser.get(user);
        ClientQuota quota = ofUser == null ? null : ofUser.get(client);
        if (quota == null) {
            quota = resolve(cached.quotas, user, client);
            if (cached.byUser.size() >= MAX_CACHED_USERS) {
                cached.byUser.clear();
            }
            cached.byUser.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(client, quota);
        }
        return quota.isEmpty() ? null : quota;
    }

    private ClientQuota resolve(ClientQuotasImage quotas, String user, String clientId) {
        QuotaSensor[] sensors = new QuotaSensor[QuotaType.ALL.length];
        for (QuotaType type : QuotaType.ALL) {
            QuotaPrecedence.Match match = QuotaPrecedence.match(quotas, type.key, user, clientId);
            if (match != null) {
                sensors[type.ordinal()] = sensor(type, match);
            }
        }
        return new ClientQuota(sensors);
    }

    /** The shared sensor of a quota match, created on first use; its quota follows the current bound. */
    private synchronized QuotaSensor sensor(QuotaType type, QuotaPrecedence.Match match) {
        Map<String, String> tags = new LinkedHashMap<>(); // Kafka's order in the MBean name
        tags.put("user", match.userTag());
        tags.put("client-id", match.clientIdTag());
        String suffix = match.userTag() + ":" + match.clientIdTag();
        boolean mutation = type == QuotaType.CONTROLLER_MUTATION;
        MetricConfig config = new MetricConfig()
                .samples(mutation ? settings.controllerWindowNum() : settings.windowNum())
                .timeWindow(mutation ? settings.controllerWindowSizeSeconds() : settings.windowSizeSeconds(),
                        TimeUnit.SECONDS)
                .quota(Quota.upperBound(match.bound()));
        MetricName quotaMetric = metrics.metricName(type.metric, type.group,
                "Tracking " + type.metric + " per user/client-id", tags);
        Sensor sensor = metrics.sensor(type.group + "-" + suffix, null, INACTIVE_SENSOR_EXPIRATION_SECONDS);
        KafkaMetric existing = metrics.metric(quotaMetric);
        if (existing == null) {
            if (mutation) {
                sensor.add(metrics.metricName("mutation-rate", type.group, "Tracking mutation-rate per "
                        + "user/client-id", tags), new Rate());
                sensor.add(quotaMetric, new TokenBucket(), config);
            } else {
                sensor.add(quotaMetric, new Rate(), config);
            }
        } else if (existing.config().quota() == null || existing.config().quota().bound() != match.bound()) {
            existing.config(config);
        }
        Sensor throttle = metrics.sensor(type.group + "ThrottleTime-" + suffix, null,
                INACTIVE_SENSOR_EXPIRATION_SECONDS);
        MetricName throttleMetric = metrics.metricName("throttle-time", type.group,
                "Tracking average throttle-time per user/client-id", tags);
        if (metrics.metric(throttleMetric) == null) {
            throttle.add(throttleMetric, new Avg());
        }
        return new QuotaSensor(type, sensor, throttle, match.bound(), config);
    }

    private static boolean hasClientQuotas(ClientQuotasImage quotas) {
        for (Map.Entry<ClientQuotaEntity, Map<String, Double>> e : quotas.asMap().entrySet()) {
            if (!e.getKey().entries().containsKey(ClientQuotaEntity.IP)
                    && !e.getValue().keySet().equals(Set.of(QuotaKeys.CONNECTION_CREATION_RATE))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        metrics.close();
    }

    /** The resolutions made against one version of the quotas. */
    private static final class Resolutions {
        final ClientQuotasImage quotas;
        final boolean any;
        final Map<String, Map<String, ClientQuota>> byUser = new ConcurrentHashMap<>();

        Resolutions(ClientQuotasImage quotas, boolean any) {
            this.quotas = quotas;
            this.any = any;
        }
    }

    /** The sensors of the quotas applying to one (user, client id); a type without a quota has none. */
    static final class ClientQuota {
        private final QuotaSensor[] sensors;

        private final boolean empty;

        ClientQuota(QuotaSensor[] sensors) {
            this.sensors = sensors;
            boolean none = true;
            for (QuotaSensor sensor : sensors) {
                none &= sensor == null;
            }
            this.empty = none;
        }

        boolean isEmpty() {
            return empty;
        }

        QuotaSensor get(QuotaType type) {
            return sensors[type.ordinal()];
        }
    }
}
