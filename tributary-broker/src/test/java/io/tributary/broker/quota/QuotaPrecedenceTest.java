package io.tributary.broker.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.metadata.image.ClientQuotasImage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;

/** Kafka's order of precedence among the eight user / client-id quota levels, and the rate each is measured on. */
class QuotaPrecedenceTest {

    private static final String KEY = "producer_byte_rate";

    /** The eight levels, most specific first, each with the tags Kafka measures it under for (alice, app). */
    private static final List<Level> LEVELS = List.of(
            new Level(entity("alice", "app"), 1, "alice", "app"),
            new Level(entity("alice", null), 2, "alice", "app"),
            new Level(user("alice"), 3, "alice", ""),
            new Level(entity(null, "app"), 4, "alice", "app"),
            new Level(entity(null, null), 5, "alice", "app"),
            new Level(user(null), 6, "alice", ""),
            new Level(client("app"), 7, "", "app"),
            new Level(client(null), 8, "", "app"));

    private record Level(ClientQuotaEntity entity, double value, String userTag, String clientTag) {
    }

    @Test
    void eachLevelWinsOverEveryLessSpecificOne() {
        for (int i = 0; i < LEVELS.size(); i++) {
            // given this level and every less specific one set
            Map<ClientQuotaEntity, Map<String, Double>> set = new LinkedHashMap<>();
            for (Level level : LEVELS.subList(i, LEVELS.size())) {
                set.put(level.entity, Map.of(KEY, level.value));
            }
            Level expected = LEVELS.get(i);

            QuotaPrecedence.Match match = QuotaPrecedence.match(new ClientQuotasImage(set), KEY, "alice", "app");

            assertThat(match).as("with levels %d..8 set", i + 1)
                    .isEqualTo(new QuotaPrecedence.Match(expected.value, expected.userTag, expected.clientTag));
        }
    }

    @Test
    void quotasOfOtherClientsAndKeysDoNotApply() {
        ClientQuotasImage quotas = new ClientQuotasImage(Map.of(
                entity("bob", "app"), Map.of(KEY, 1.0),
                user("bob"), Map.of(KEY, 2.0),
                client("other"), Map.of(KEY, 3.0),
                user("alice"), Map.of("consumer_byte_rate", 4.0)));

        assertThat(QuotaPrecedence.match(quotas, KEY, "alice", "app")).isNull();
        assertThat(QuotaPrecedence.match(quotas, "consumer_byte_rate", "alice", "app"))
                .isEqualTo(new QuotaPrecedence.Match(4.0, "alice", ""));
    }

    private static ClientQuotaEntity entity(String user, String clientId) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.USER, user);
        entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        return new ClientQuotaEntity(entries);
    }

    private static ClientQuotaEntity user(String user) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.USER, user);
        return new ClientQuotaEntity(entries);
    }

    private static ClientQuotaEntity client(String clientId) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        return new ClientQuotaEntity(entries);
    }
}
