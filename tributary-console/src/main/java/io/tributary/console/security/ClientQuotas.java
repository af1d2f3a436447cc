package io.tributary.console.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.Router;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;

/**
 * Client quotas, as kafka-configs --entity-type users/clients/ips manages them: {@code GET /security/quotas} (all)
 * and {@code POST /security/quotas} ({@code {entity, set, remove}}). An entity is {@code {"user": "alice",
 * "client-id": "app"}}; a key with a null name is the default entity of that type.
 */
final class ClientQuotas {

    private static final Set<String> ENTITY_TYPES = Set.of(ClientQuotaEntity.USER, ClientQuotaEntity.CLIENT_ID,
            ClientQuotaEntity.IP);

    private ClientQuotas() {
    }

    static void register(Router router) {
        router.get("/security/quotas", request -> {
            Map<ClientQuotaEntity, Map<String, Double>> quotas = AdminFutures.await(
                    request.admin().describeClientQuotas(ClientQuotaFilter.all()).entities());
            List<Map<String, Object>> rows = new ArrayList<>();
            quotas.forEach((entity, values) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("entity", new TreeMap<>(entity.entries()));
                row.put("values", new TreeMap<>(values));
                rows.add(row);
            });
            rows.sort(java.util.Comparator.comparing(r -> r.get("entity").toString()));
            return Map.of("quotas", rows);
        });
        router.post("/security/quotas", request -> {
            JsonNode body = request.body();
            ClientQuotaEntity entity = entity(body.path("entity"));
            List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> set = body.path("set").fields();
            while (set.hasNext()) {
                Map.Entry<String, JsonNode> e = set.next();
                if (!e.getValue().isNumber()) {
                    throw HttpError.badRequest("Quota " + e.getKey() + " must be a number");
                }
                ops.add(new ClientQuotaAlteration.Op(e.getKey(), e.getValue().asDouble()));
            }
            body.path("remove").forEach(name -> ops.add(new ClientQuotaAlteration.Op(name.asText(), null)));
            if (ops.isEmpty()) {
                throw HttpError.badRequest("Nothing to set or remove");
            }
            AdminFutures.await(request.admin().alterClientQuotas(List.of(new ClientQuotaAlteration(entity, ops)))
                    .all());
            return Map.of("altered", new TreeMap<>(entity.entries()));
        });
    }

    private static ClientQuotaEntity entity(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw HttpError.badRequest("entity is required, e.g. {\"user\": \"alice\"}");
        }
        Map<String, String> entries = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!ENTITY_TYPES.contains(e.getKey())) {
                throw HttpError.badRequest("Unknown entity type " + e.getKey() + " (user, client-id or ip)");
            }
            entries.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        return new ClientQuotaEntity(entries);
    }
}
