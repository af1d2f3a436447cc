package io.tributary.console.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.Router;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.errors.ResourceNotFoundException;

/**
 * SCRAM users, as kafka-configs --entity-type users manages them: {@code GET /security/users} (names, mechanisms
 * and iterations, never the credentials), {@code POST /security/users} (create or change a password) and
 * {@code DELETE /security/users/{user}?mechanism=} (one mechanism, or all the user has).
 */
final class ScramUsers {

    /** kafka-configs' default iteration count. */
    private static final int DEFAULT_ITERATIONS = 4096 * 2;

    private ScramUsers() {
    }

    static void register(Router router) {
        router.get("/security/users", request -> Map.of("users", list(request.admin())));
        router.post("/security/users", request -> upsert(request.admin(), request.body()));
        router.delete("/security/users/{user}", request -> delete(request.admin(), request.path("user"),
                request.query("mechanism").orElse(null)));
    }

    static List<Map<String, Object>> list(Admin admin) throws ExecutionException, InterruptedException {
        Map<String, UserScramCredentialsDescription> users =
                AdminFutures.await(admin.describeUserScramCredentials().all());
        List<Map<String, Object>> rows = new ArrayList<>();
        users.values().stream().sorted(Comparator.comparing(UserScramCredentialsDescription::name)).forEach(u -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("user", u.name());
            row.put("credentials", u.credentialInfos().stream().map(c -> Map.of(
                    "mechanism", c.mechanism().mechanismName(), "iterations", c.iterations())).toList());
            rows.add(row);
        });
        return rows;
    }

    private static Map<String, Object> upsert(Admin admin, JsonNode body) throws ExecutionException,
            InterruptedException {
        String user = required(body, "user");
        String password = required(body, "password");
        ScramMechanism mechanism = mechanism(body.path("mechanism").asText("SCRAM-SHA-512"));
        int iterations = body.path("iterations").asInt(DEFAULT_ITERATIONS);
        AdminFutures.await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(mechanism, iterations), password))).all());
        return Map.of("user", user, "mechanism", mechanism.mechanismName(), "iterations", iterations);
    }

    private static Map<String, Object> delete(Admin admin, String user, String mechanismName)
            throws ExecutionException, InterruptedException {
        List<ScramMechanism> mechanisms;
        try {
            if (mechanismName != null) {
                mechanisms = List.of(mechanism(mechanismName));
            } else {
                mechanisms = AdminFutures.await(admin.describeUserScramCredentials(List.of(user)).description(user))
                        .credentialInfos().stream().map(ScramCredentialInfo::mechanism).toList();
            }
            List<UserScramCredentialAlteration> deletions = mechanisms.stream()
                    .map(m -> (UserScramCredentialAlteration) new UserScramCredentialDeletion(user, m)).toList();
            AdminFutures.await(admin.alterUserScramCredentials(deletions).all());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                throw new HttpError(404, e.getCause().getMessage(), "RESOURCE_NOT_FOUND");
            }
            throw e;
        }
        return Map.of("deleted", user, "mechanisms", mechanisms.stream().map(ScramMechanism::mechanismName).toList());
    }

    private static ScramMechanism mechanism(String name) {
        ScramMechanism mechanism = ScramMechanism.fromMechanismName(name);
        if (mechanism == ScramMechanism.UNKNOWN) {
            throw HttpError.badRequest("mechanism must be SCRAM-SHA-256 or SCRAM-SHA-512, not '" + name + "'");
        }
        return mechanism;
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asText("");
        if (value.isEmpty()) {
            throw HttpError.badRequest(field + " is required");
        }
        return value;
    }
}
