package io.tributary.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * One listener: a name (upper-cased, as Kafka normalises them), the address to bind and its security protocol.
 *
 * @param host             empty for all interfaces
 * @param port             0 for an ephemeral port
 * @param securityProtocol from {@code listener.security.protocol.map}, or the name itself when it is a protocol's
 */
public record Endpoint(String listenerName, String host, int port, SecurityProtocol securityProtocol) {

    /** A PLAINTEXT listener. */
    public Endpoint(String listenerName, String host, int port) {
        this(listenerName, host, port, SecurityProtocol.PLAINTEXT);
    }

    public Endpoint {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
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
     * Parses Kafka's {@code listeners} syntax, e.g. {@code "PLAINTEXT://localhost:9092,SSL://:9093"}, without a
     * {@code listener.security.protocol.map}: a listener named after a security protocol uses it, any other name is
     * PLAINTEXT.
     */
    public static List<Endpoint> parseList(String listeners) {
        return parseList(listeners, Map.of());
    }

    /**
     * Parses {@code listeners} using a {@code listener.security.protocol.map} value such as
     * {@code "INTERNAL:SASL_SSL,EXTERNAL:SSL"}; a blank map means the single-argument behaviour. With a map, every
     * listener must be in it (as in Kafka).
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
            Endpoint parsed = parseOne(entry.trim());
            Endpoint endpoint = new Endpoint(parsed.listenerName(), parsed.host(), parsed.port(),
                    SecurityProtocols.protocolOf(parsed.listenerName(), protocolByListener));
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
