package io.tributary.network;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/** {@code listener.security.protocol.map}: which of Kafka's four security protocols each listener speaks. */
final class SecurityProtocols {

    private static final String PLAINTEXT = "PLAINTEXT";
    private static final Set<String> KNOWN = Set.of(PLAINTEXT, "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private SecurityProtocols() {
    }

    static Map<String, String> parseMap(String securityProtocolMap) {
        Map<String, String> protocolByListener = new HashMap<>();
        if (securityProtocolMap == null || securityProtocolMap.isBlank()) {
            return protocolByListener;
        }
        for (String entry : securityProtocolMap.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                        "listener.security.protocol.map entries must look like NAME:PROTOCOL, got '" + entry + "'");
            }
            String protocol = parts[1].trim().toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(protocol)) {
                throw new IllegalArgumentException("Unknown security protocol " + protocol + " in '" + entry + "'");
            }
            protocolByListener.put(parts[0].trim().toUpperCase(Locale.ROOT), protocol);
        }
        return protocolByListener;
    }

    /** Without a map, a listener's name doubles as its protocol when it is one of Kafka's protocol names. */
    static SecurityProtocol protocolOf(String listenerName, Map<String, String> protocolByListener) {
        String protocol;
        if (protocolByListener.isEmpty()) {
            protocol = KNOWN.contains(listenerName) ? listenerName : PLAINTEXT;
        } else {
            protocol = protocolByListener.get(listenerName);
            if (protocol == null) {
                throw new IllegalArgumentException(
                        "Listener " + listenerName + " has no entry in listener.security.protocol.map");
            }
        }
        return SecurityProtocol.forName(protocol);
    }
}
