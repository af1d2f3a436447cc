package io.tributary.console.session;

import io.tributary.console.ConsoleSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/** The settings of the console's Kafka clients: the broker's listener, plus the session's credentials if any. */
public final class ClientFactory {

    private final ConsoleSettings settings;

    public ClientFactory(ConsoleSettings settings) {
        this.settings = settings;
    }

    /** Settings for one session's clients; {@code credentials} only when the console asks for a login. */
    public Map<String, Object> properties(String clientIdSuffix, Optional<Credentials> credentials) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "tributary-console-" + clientIdSuffix);
        credentials.ifPresent(c -> {
            String mechanism = settings.loginMechanism().orElseThrow();
            props.put(SaslConfigs.SASL_MECHANISM, mechanism);
            String module = mechanism.startsWith("SCRAM-")
                    ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                    : "org.apache.kafka.common.security.plain.PlainLoginModule";
            props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + escape(c.user())
                    + "\" password=\"" + escape(c.password()) + "\";");
        });
        return props;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** A user name and password typed into the login page; kept only in the session's memory. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }
}
