package io.tributary.console.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.Router;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * ACLs, as kafka-acls manages them: {@code GET /security/acls} (all the user may describe), {@code POST
 * /security/acls} (one binding) and {@code POST /security/acls/delete} (a filter whose missing fields match
 * anything). Without an authorizer the broker answers SECURITY_DISABLED, which the page shows as "authorizer not
 * enabled".
 */
final class Acls {

    private Acls() {
    }

    static void register(Router router) {
        router.get("/security/acls", request -> Map.of("acls", rows(AdminFutures.await(
                request.admin().describeAcls(AclBindingFilter.ANY).values()))));
        router.post("/security/acls", request -> {
            AclBinding binding = binding(request.body());
            AdminFutures.await(request.admin().createAcls(List.of(binding)).all());
            return Map.of("created", row(binding));
        });
        router.post("/security/acls/delete", request -> {
            AclBindingFilter filter = filter(request.body());
            var deleted = AdminFutures.await(request.admin().deleteAcls(List.of(filter)).all());
            return Map.of("deleted", rows(deleted));
        });
    }

    static AclBinding binding(JsonNode body) {
        String name = body.path("resourceName").asText("");
        String principal = body.path("principal").asText("");
        if (name.isEmpty() || principal.isEmpty()) {
            throw HttpError.badRequest("resourceName and principal are required");
        }
        AclBinding binding = new AclBinding(
                new ResourcePattern(parse(body, "resourceType", null, ResourceType::fromString),
                        name, parse(body, "patternType", PatternType.LITERAL, PatternType::fromString)),
                new AccessControlEntry(principal, body.path("host").asText("*"),
                        parse(body, "operation", null, AclOperation::fromString),
                        parse(body, "permissionType", AclPermissionType.ALLOW, AclPermissionType::fromString)));
        if (binding.isUnknown() || binding.toFilter().findIndefiniteField() != null) {
            throw HttpError.badRequest("Not a complete ACL: " + binding);
        }
        return binding;
    }

    static AclBindingFilter filter(JsonNode body) {
        return new AclBindingFilter(
                new ResourcePatternFilter(parse(body, "resourceType", ResourceType.ANY, ResourceType::fromString),
                        text(body, "resourceName"),
                        parse(body, "patternType", PatternType.ANY, PatternType::fromString)),
                new AccessControlEntryFilter(text(body, "principal"), text(body, "host"),
                        parse(body, "operation", AclOperation.ANY, AclOperation::fromString),
                        parse(body, "permissionType", AclPermissionType.ANY, AclPermissionType::fromString)));
    }

    private static <T extends Enum<T>> T parse(JsonNode body, String field, T absent, Function<String, T> parser) {
        String value = text(body, field);
        if (value == null) {
            if (absent == null) {
                throw HttpError.badRequest(field + " is required");
            }
            return absent;
        }
        T parsed = parser.apply(value);
        if (parsed.name().equals("UNKNOWN")) {
            throw HttpError.badRequest("Unknown " + field + " '" + value + "'");
        }
        return parsed;
    }

    /** The field's text; null when absent, null, empty or ANY (a filter's wildcard). */
    private static String text(JsonNode body, String field) {
        JsonNode node = body.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        String value = node.asText("");
        return value.isEmpty() || value.equalsIgnoreCase("ANY") ? null : value;
    }

    private static List<Map<String, Object>> rows(Collection<AclBinding> bindings) {
        return bindings.stream().map(Acls::row).sorted(Comparator
                .comparing((Map<String, Object> r) -> (String) r.get("resourceType"))
                .thenComparing(r -> (String) r.get("resourceName"))
                .thenComparing(r -> (String) r.get("principal"))
                .thenComparing(r -> (String) r.get("operation"))).toList();
    }

    static Map<String, Object> row(AclBinding binding) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("resourceType", binding.pattern().resourceType().name());
        row.put("resourceName", binding.pattern().name());
        row.put("patternType", binding.pattern().patternType().name());
        row.put("principal", binding.entry().principal());
        row.put("host", binding.entry().host());
        row.put("operation", binding.entry().operation().name());
        row.put("permissionType", binding.entry().permissionType().name());
        return row;
    }
}
