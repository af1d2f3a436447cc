package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import org.apache.kafka.common.config.ConfigDef;

/** The built-in web console's settings (served at /console on {@code tributary.http.listener}). */
public final class ConsoleConfigDefinitions {

    public static final String CONSOLE_ENABLE = "tributary.console.enable";
    public static final String CONSOLE_READ_ONLY = "tributary.console.read.only";
    public static final String CONSOLE_LISTENER_NAME = "tributary.console.listener.name";
    public static final String CONSOLE_SESSION_TIMEOUT_MS = "tributary.console.session.timeout.ms";
    /** Prefix of extra settings for the console's Kafka clients, e.g. tributary.console.client.ssl.truststore.location. */
    public static final String CONSOLE_CLIENT_PREFIX = "tributary.console.client.";

    private ConsoleConfigDefinitions() {
    }

    static void define(ConfigDef def) {
        def.define(CONSOLE_ENABLE, BOOLEAN, true, MEDIUM,
                "Tributary: serve the web console at /console on tributary.http.listener (needs that listener).")
            .define(CONSOLE_READ_ONLY, BOOLEAN, false, MEDIUM,
                "Tributary: the console only shows; every changing action (create, delete, produce, reset, ACLs) "
                    + "is refused.")
            .define(CONSOLE_LISTENER_NAME, STRING, "", LOW,
                "Tributary: the listener the console's clients connect to (its advertised address). Empty: the "
                    + "first SASL listener enabling SCRAM or PLAIN (the console then asks for a login, checked by the "
                    + "broker with the user's credentials), else the first listener without SASL. Settings for those clients "
                    + "(for example a trust store for an SSL listener) go under tributary.console.client.*.")
            .define(CONSOLE_SESSION_TIMEOUT_MS, LONG, 1_800_000L, atLeast(10_000), LOW,
                "Tributary: an idle console session (and its clients) is closed after this long.");
    }
}
