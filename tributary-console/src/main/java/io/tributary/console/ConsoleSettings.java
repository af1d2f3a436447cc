package io.tributary.console;

import java.util.Map;
import java.util.Optional;

/**
 * How the console runs. Its clients connect to {@code bootstrapServers} with {@code clientProperties} (security
 * protocol, trust store); when {@code loginMechanism} is present the console asks for a user name and password and
 * its clients authenticate with them through that SASL mechanism, so the broker checks the login and applies the
 * user's ACLs to everything the console shows and does.
 */
public record ConsoleSettings(String bootstrapServers, Map<String, Object> clientProperties,
                              Optional<String> loginMechanism, boolean readOnly, long sessionTimeoutMs) {

    public ConsoleSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    public boolean loginRequired() {
        return loginMechanism.isPresent();
    }
}
