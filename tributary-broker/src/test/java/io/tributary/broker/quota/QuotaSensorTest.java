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
        MetadataImage image = imageWith(clientId("c"), "producer_byte_rate", quota);
        try (ClientQuotas quotas = new ClientQuotas(new QuotaSettings(3, 1, 11, 1), () -> image, time)) {
            QuotaSensor sensor = quotas.forClient(KafkaPrincipal.ANONYMOUS, "c").get(QuotaType.PRODUCE);
            long bytesAfterTwoSeconds = -1;
            long total = 0;
            long start = time.milliseconds();
            while (time.milliseconds() - start < 20_000) {
                int throttle = sensor.recordAndGetThrottleMs(16_384, time.milliseconds());
                total += 16_384;
                time.sleep(Math.max(throttle, 5));
                if (bytesAfterTwoSeconds < 0 && time.milliseconds() - start >= 2_000) {
                    bytesAfterTwoSeconds = total;
                }
            }
            double rate = (total - bytesAfterTwoSeconds) * 1000.0 / (time.milliseconds() - start - 2_000);
            assertThat(rate).isCloseTo(quota, org.assertj.core.data.Percentage.withPercentage(5));
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
