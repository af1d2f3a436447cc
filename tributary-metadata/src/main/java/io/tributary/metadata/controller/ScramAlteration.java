package io.tributary.metadata.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.ScramCredentialData;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RemoveUserScramCredentialRecord;
import io.tributary.metadata.record.UserScramCredentialRecord;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/**
 * AlterUserScramCredentials as Kafka's controller applies it: per user, every deletion and upsertion of the request
 * is checked (known mechanism, non-empty name, iterations within the mechanism's bounds, the credential to delete
 * exists, no (user, mechanism) twice); a user with any failure changes nothing, the others are applied together.
 * The client sends salt and salted password; the stored and server keys are derived here (kafka-clients'
 * {@link ScramFormatter}), so the password never reaches the broker.
 */
public final class ScramAlteration {

    private static final Pattern BOOTSTRAP_ENTRY = Pattern.compile("(SCRAM-SHA-256|SCRAM-SHA-512)=\\[([^\\]]*)\\]");
    private static final int DEFAULT_ITERATIONS = 4096;

    private final SecureRandom random = new SecureRandom();

    public ControllerResult<AlterUserScramCredentialsResponseData> alter(MetadataImage image,
                                                                         AlterUserScramCredentialsRequestData request) {
        Map<String, Errors> errors = new LinkedHashMap<>();
        Map<String, String> messages = new HashMap<>();
        Map<String, List<MetadataRecord>> recordsByUser = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (var deletion : request.deletions()) {
            String user = deletion.name();
            recordsByUser.computeIfAbsent(user, u -> new ArrayList<>());
            ScramMechanism mechanism = mechanism(deletion.mechanism());
            String problem = user.isEmpty() ? "Username must not be empty" : null;
            Errors error = problem != null ? Errors.UNACCEPTABLE_CREDENTIAL : Errors.NONE;
            if (error == Errors.NONE && mechanism == null) {
                error = Errors.UNSUPPORTED_SASL_MECHANISM;
                problem = "Unknown SCRAM mechanism";
            } else if (error == Errors.NONE && !seen.add(user + "/" + mechanism.mechanismName())) {
                error = Errors.DUPLICATE_RESOURCE;
                problem = "A user credential cannot be altered twice in the same request";
            } else if (error == Errors.NONE && image.scram().credential(user, mechanism.mechanismName()) == null) {
                error = Errors.RESOURCE_NOT_FOUND;
                problem = "Attempt to delete a user credential that does not exist";
            }
            if (error != Errors.NONE) {
                fail(errors, messages, user, error, problem);
            } else {
                recordsByUser.get(user).add(new RemoveUserScramCredentialRecord(user, mechanism.mechanismName()));
            }
        }
        for (var upsertion : request.upsertions()) {
            String user = upsertion.name();
            recordsByUser.computeIfAbsent(user, u -> new ArrayList<>());
            ScramMechanism mechanism = mechanism(upsertion.mechanism());
            Errors error = Errors.NONE;
            String problem = null;
            if (user.isEmpty()) {
                error = Errors.UNACCEPTABLE_CREDENTIAL;
                problem = "Username must not be empty";
            } else if (mechanism == null) {
                error = Errors.UNSUPPORTED_SASL_MECHANISM;
                problem = "Unknown SCRAM mechanism";
            } else if (!seen.add(user + "/" + mechanism.mechanismName())) {
                error = Errors.DUPLICATE_RESOURCE;
                problem = "A user credential cannot be altered twice in the same request";
            } else if (upsertion.iterations() < mechanism.minIterations()) {
                error = Errors.UNACCEPTABLE_CREDENTIAL;
                problem = "Too few iterations";
            } else if (upsertion.iterations() > mechanism.maxIterations()) {
                error = Errors.UNACCEPTABLE_CREDENTIAL;
                problem = "Too many iterations";
            }
            if (error != Errors.NONE) {
                fail(errors, messages, user, error, problem);
                continue;
            }
            recordsByUser.get(user).add(new UserScramCredentialRecord(user, mechanism.mechanismName(),
                    credential(mechanism, upsertion.salt(), upsertion.saltedPassword(), upsertion.iterations())));
        }
        AlterUserScramCredentialsResponseData response = new AlterUserScramCredentialsResponseData();
        List<MetadataRecord> records = new ArrayList<>();
        recordsByUser.forEach((user, userRecords) -> {
            Errors error = errors.getOrDefault(user, Errors.NONE);
            if (error == Errors.NONE) {
                records.addAll(userRecords);
            }
            response.results().add(new AlterUserScramCredentialsResult().setUser(user).setErrorCode(error.code())
                    .setErrorMessage(messages.get(user)));
        });
        return new ControllerResult<>(records, response);
    }

    /**
     * The credentials of a bootstrap setting in {@code kafka-storage format --add-scram} syntax, e.g.
     * {@code SCRAM-SHA-256=[name=admin,password=admin-secret]} (several entries side by side), for users the image
     * does not have yet: written when a controller becomes active, so the first admin exists from the first start.
     */
    public List<MetadataRecord> bootstrap(MetadataImage image, String setting) {
        List<MetadataRecord> records = new ArrayList<>();
        if (setting == null || setting.isBlank()) {
            return records;
        }
        Matcher entry = BOOTSTRAP_ENTRY.matcher(setting);
        while (entry.find()) {
            ScramMechanism mechanism = ScramMechanism.forMechanismName(entry.group(1));
            Map<String, String> fields = new HashMap<>();
            for (String field : entry.group(2).split(",")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.put(field.substring(0, eq).trim(), unquote(field.substring(eq + 1).trim()));
                }
            }
            String name = fields.get("name");
            String password = fields.get("password");
            if (name == null || password == null) {
                throw new IllegalArgumentException("A SCRAM bootstrap entry needs name and password: " + entry.group());
            }
            if (image.scram().credential(name, mechanism.mechanismName()) != null) {
                continue; // already there (perhaps changed since): never overwritten
            }
            int iterations = Integer.parseInt(fields.getOrDefault("iterations", String.valueOf(DEFAULT_ITERATIONS)));
            try {
                ScramFormatter formatter = new ScramFormatter(mechanism);
                byte[] salt = ScramFormatter.secureRandomBytes(random);
                byte[] salted = formatter.saltedPassword(password, salt, iterations);
                records.add(new UserScramCredentialRecord(name, mechanism.mechanismName(),
                        credential(mechanism, salt, salted, iterations)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot derive a " + mechanism + " credential", e);
            }
        }
        return records;
    }

    private static ScramCredentialData credential(ScramMechanism mechanism, byte[] salt, byte[] saltedPassword,
                                                  int iterations) {
        try {
            ScramCredential derived = new ScramFormatter(mechanism).generateCredential(salt, saltedPassword,
                    iterations);
            return new ScramCredentialData(derived.salt(), derived.storedKey(), derived.serverKey(), iterations);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive a " + mechanism + " credential", e);
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static ScramMechanism mechanism(byte type) {
        for (ScramMechanism mechanism : ScramMechanism.values()) {
            if (mechanism.type() == type) {
                return mechanism;
            }
        }
        return null;
    }

    private static void fail(Map<String, Errors> errors, Map<String, String> messages, String user, Errors error,
                             String message) {
        if (!errors.containsKey(user)) {
            errors.put(user, error);
            messages.put(user, message);
        }
    }
}
