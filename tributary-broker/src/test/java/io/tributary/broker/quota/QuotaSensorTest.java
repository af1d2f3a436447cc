package io.tributary.broker.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.metadata.image.ClientQuotasImage;
import io.tributary.metadata.image.MetadataImage;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.junit.jupiter.api.Test;

/** The byte-rate quota's arithmetic: a client that waits out every throttle time averages its quota. */
class QuotaSensorTest {

    @Test
    void aClientHonouringThrottleTimesAveragesItsQuota() {
        FakeTime time = new FakeTime();
        double quota = 300_000;
        int windows = 2;
        MetadataImage image = imageWith(clientId("c"), "producer_byte_rate", quota);
        try (ClientQuotas quotas = new ClientQuotas(new QuotaSettings(windows, 1, 11, 1), () -> image, time)) {
            QuotaSensor sensor = quotas.forClient(KafkaPrincipal.ANONYMOUS, "c").get(QuotaType.PRODUCE);
            long total = 0;
            long start = time.milliseconds();
            // a producer with five requests in flight: each round's requests are recorded together
            while (time.milliseconds() - start < 60_000) {
                int throttle = 0;
                for (int i = 0; i < 5; i++) {
                    throttle = Math.max(throttle, sensor.recordAndGetThrottleMs(16_384, time.milliseconds()));
                    total += 16_384;
                }
                time.sleep(Math.max(throttle, 20));
            }
            // Kafka lets a client coming from idle have (windows - 1) windows' worth at once, then holds the rate
            double rate = (total - quota * (windows - 1)) * 1000.0 / (time.milliseconds() - start);
            assertThat(rate).isCloseTo(quota, org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void aThrottledFetchIsAnsweredAndTakenBackAndTheWindowCapsOneResponse() {
        FakeTime time = new FakeTime();
        MetadataImage image = imageWith(clientId("c"), "consumer_byte_rate", 1000.0);
        try (ClientQuotas quotas = new ClientQuotas(new QuotaSettings(11, 1, 11, 1), () -> image, time)) {
            QuotaSensor sensor = quotas.forClient(KafkaPrincipal.ANONYMOUS, "c").get(QuotaType.FETCH);
            // Kafka's getMaxValueInQuotaWindow: quota x (windows - 1) x window seconds
            assertThat(sensor.maxValueInQuotaWindow()).isEqualTo(10_000.0);
            assertThat(sensor.recordAndGetThrottleMs(10_000, time.milliseconds())).isZero();
            int throttle = sensor.recordAndGetThrottleMs(5_000, time.milliseconds());
            // 15,000 bytes over the 10 s minimum window: 5 s more to get back to 1,000 bytes/s
            assertThat(throttle).isEqualTo(5_000);
            sensor.unrecord(5_000, time.milliseconds());
            assertThat(sensor.recordAndGetThrottleMs(0, time.milliseconds())).isZero();
        }
    }

    @Test
    void noQuotaAtAllMeansNoResolution() {
        MetadataImage image = MetadataImage.empty("test");
        try (ClientQuotas quotas = new ClientQuotas(QuotaSettings.DEFAULTS, () -> image, new FakeTime())) {
            assertThat(quotas.forClient(KafkaPrincipal.ANONYMOUS, "anyone")).isNull();
        }
    }

    static MetadataImage imageWith(ClientQuotaEntity entity, String key, double value) {
        MetadataImage empty = MetadataImage.empty("test");
        return new MetadataImage("test", 1, empty.topics(), empty.configs(), empty.brokers(), 0,
                new ClientQuotasImage(Map.of(entity, Map.of(key, value))));
    }

    static ClientQuotaEntity clientId(String name) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.CLIENT_ID, name);
        return new ClientQuotaEntity(entries);
    }
}
