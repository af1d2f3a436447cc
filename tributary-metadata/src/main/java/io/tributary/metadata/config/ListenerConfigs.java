package io.tributary.metadata.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's listener-prefixed broker configs, {@code listener.name.NAME.CONFIG}: they override CONFIG for one listener.
 * SASL mechanism configs carry the mechanism too ({@code listener.name.NAME.MECHANISM.sasl.jaas.config}).
 */
final class ListenerConfigs {

    private static final Pattern PREFIXED = Pattern.compile("listener\\.name\\.[^.]*\\.(.*)");
    private static final Pattern MECHANISM_SCOPED = Pattern.compile("(?:plain|scram-sha-256|scram-sha-512|oauthbearer|gssapi)\\.(sasl\\..*)");
    private static final List<String> MECHANISM_CONFIGS = List.of("sasl.jaas.config", "sasl.login.callback.handler.class",
            "sasl.login.class", "sasl.server.callback.handler.class", "connections.max.reauth.ms");

    private ListenerConfigs() {
    }

    /** The config a listener-prefixed name overrides, or empty for a name without the prefix. */
    static Optional<String> baseName(String name) {
        Matcher matcher = PREFIXED.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String base = matcher.group(1);
        Optional<String> mechanismConfig = MECHANISM_CONFIGS.stream().filter(base::endsWith).findFirst();
        if (mechanismConfig.isPresent()) {
            return mechanismConfig;
        }
        // any other SASL setting scoped to a mechanism: listener.name.l.oauthbearer.sasl.oauthbearer.jwks.endpoint.url
        Matcher scoped = MECHANISM_SCOPED.matcher(base);
        return Optional.of(scoped.matches() ? scoped.group(1) : base);
    }

    /** Kafka's synonyms of a config: a listener override is followed by the config it overrides. */
    static List<String> synonymsOf(String name) {
        return baseName(name).map(base -> List.of(name, base)).orElse(List.of(name));
    }
}
