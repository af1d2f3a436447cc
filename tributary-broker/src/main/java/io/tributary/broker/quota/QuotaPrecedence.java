package io.tributary.broker.quota;

import io.tributary.metadata.image.ClientQuotasImage;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.quota.ClientQuotaEntity;

/**
 * Finds the quota that applies to a (user, client-id) pair, most specific first, in Kafka's order:
 * user and client-id, user and default client-id, user, default user and client-id, default user and default
 * client-id, default user, client-id, default client-id. The match also names the metric tags Kafka uses for it,
 * so that clients sharing a quota (all client ids of one user under a user quota) share one rate.
 */
final class QuotaPrecedence {

    /** A quota that applies: its bound and the (user, client-id) tags of the rate it is measured on. */
    record Match(double bound, String userTag, String clientIdTag) {
    }

    private QuotaPrecedence() {
    }

    /** The applicable quota for {@code key}, or null when none is set at any level. */
    static Match match(ClientQuotasImage quotas, String key, String user, String clientId) {
        Double v = firstOf(value(quotas, key, user, clientId), value(quotas, key, user, null));
        if (v != null) {
            return new Match(v, user, clientId);
        }
        if ((v = userOnly(quotas, key, user)) != null) {
            return new Match(v, user, "");
        }
        v = firstOf(value(quotas, key, null, clientId), value(quotas, key, null, null));
        if (v != null) {
            return new Match(v, user, clientId);
        }
        if ((v = userOnly(quotas, key, null)) != null) {
            return new Match(v, user, "");
        }
        v = firstOf(clientOnly(quotas, key, clientId), clientOnly(quotas, key, null));
        return v == null ? null : new Match(v, "", clientId);
    }

    private static Double firstOf(Double first, Double second) {
        return first != null ? first : second;
    }

    /** The quota of the {user, client-id} entity ({@code null} names a default). */
    private static Double value(ClientQuotasImage quotas, String key, String user, String clientId) {
        Map<String, String> entries = new HashMap<>(2);
        entries.put(ClientQuotaEntity.USER, user);
        entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        return quotas.quotas(new ClientQuotaEntity(entries)).get(key);
    }

    private static Double userOnly(ClientQuotasImage quotas, String key, String user) {
        Map<String, String> entries = new HashMap<>(1);
        entries.put(ClientQuotaEntity.USER, user);
        return quotas.quotas(new ClientQuotaEntity(entries)).get(key);
    }

    private static Double clientOnly(ClientQuotasImage quotas, String key, String clientId) {
        Map<String, String> entries = new HashMap<>(1);
        entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        return quotas.quotas(new ClientQuotaEntity(entries)).get(key);
    }
}
