package io.tributary.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One listener: a name (upper-cased, as Kafka normalises them) and the address to bind.
 *
 * @param host empty for all interfaces
 * @param port 0 for an ephemeral port
 */
public record Endpoint(String listenerName, String host, int port) {

    public Endpoint {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(host, "host");
        if (listenerName.isBlank()) {
            throw new IllegalArgumentException("Listener name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port out of range for listener " + listenerName + ": " + port);
        }
        listenerName = listenerName.toUpperCase(Locale.ROOT);
    }

    /** Whether to bind every interface. */
    public boolean isWildcardHost() {
        return host.isEmpty();
    }

    /**
     * Parses Kafka's {@code listeners} syntax, e.g. {@code "PLAINTEXT://localhost:9092,INTERNAL://:9093"}. Listener
     * names that Kafka reserves for TLS/SASL are rejected; every other name is plaintext.
     */
    public static List<Endpoint> parseList(String listeners) {
        return parseList(listeners, Map.of());
    }

    /**
     * Parses {@code listeners} using a {@code listener.security.protocol.map} value such as
     * {@code "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT"}; a blank map means the single-argument behaviour.
     */
    public static List<Endpoint> parseList(String listeners, String securityProtocolMap) {
        return parseList(listeners, SecurityProtocols.parseMap(securityProtocolMap));
    }

    private static List<Endpoint> parseList(String listeners, Map<String, String> protocolByListener) {
        if (listeners == null || listeners.isBlank()) {
            throw new IllegalArgumentException("At least one listener is required");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : listeners.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Endpoint endpoint = parseOne(entry.trim());
            SecurityProtocols.requirePlaintext(endpoint.listenerName(), protocolByListener);
            if (!names.add(endpoint.listenerName())) {
                throw new IllegalArgumentException("Duplicate listener name " + endpoint.listenerName());
            }
            endpoints.add(endpoint);
        }
        return List.copyOf(endpoints);
    }

    private static Endpoint parseOne(String entry) {
        int schemeEnd = entry.indexOf("://");
        int portSeparator = entry.lastIndexOf(':');
        if (schemeEnd <= 0 || portSeparator < schemeEnd + 3) {
            throw new IllegalArgumentException("Listener must look like NAME://host:port, got '" + entry + "'");
        }
        String name = entry.substring(0, schemeEnd);
        String host = stripIpv6Brackets(entry.substring(schemeEnd + 3, portSeparator));
        return new Endpoint(name, host, parsePort(entry, entry.substring(portSeparator + 1)));
    }

    private static String stripIpv6Brackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int parsePort(String entry, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid port in listener '" + entry + "'", e);
        }
    }
}
