package io.tributary.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Kafka's connection limits: {@code max.connections} for the whole broker (the inter-broker listener is not held by
 * it), {@code listener.name.NAME.max.connections} per listener, {@code max.connections.per.ip} with
 * {@code max.connections.per.ip.overrides} per client address.
 *
 * @param maxConnections         broker-wide limit
 * @param listenerMaxConnections per-listener limits, by upper-case listener name
 * @param maxConnectionsPerIp    default limit per client address
 * @param perIpOverrides         limits of particular addresses
 * @param interBrokerListener    the listener the broker-wide limit does not hold back, or null
 */
public record ConnectionLimits(int maxConnections, Map<String, Integer> listenerMaxConnections,
                               int maxConnectionsPerIp, Map<InetAddress, Integer> perIpOverrides,
                               String interBrokerListener) {

    public static final ConnectionLimits NONE = new ConnectionLimits(Integer.MAX_VALUE, Map.of(), Integer.MAX_VALUE,
            Map.of(), null);

    public ConnectionLimits {
        listenerMaxConnections = Map.copyOf(Objects.requireNonNull(listenerMaxConnections));
        perIpOverrides = Map.copyOf(Objects.requireNonNull(perIpOverrides));
    }

    /** Parses {@code max.connections.per.ip.overrides}: {@code host:count,...}, host names resolved now. */
    public static Map<InetAddress, Integer> parseOverrides(String overrides) {
        Map<InetAddress, Integer> parsed = new HashMap<>();
        if (overrides == null || overrides.isBlank()) {
            return parsed;
        }
        for (String entry : overrides.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("Invalid max.connections.per.ip.overrides entry '" + trimmed
                        + "': expected host:count");
            }
            String host = trimmed.substring(0, colon).trim();
            int count;
            try {
                count = Integer.parseInt(trimmed.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid connection count in max.connections.per.ip.overrides "
                        + "entry '" + trimmed + "'", e);
            }
            try {
                parsed.put(InetAddress.getByName(host), count);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("Unknown host " + host + " in max.connections.per.ip.overrides", e);
            }
        }
        return parsed;
    }

    int maxForListener(String listenerName) {
        return listenerMaxConnections.getOrDefault(listenerName.toUpperCase(Locale.ROOT), Integer.MAX_VALUE);
    }

    int maxForAddress(InetAddress address) {
        return perIpOverrides.getOrDefault(address, maxConnectionsPerIp);
    }

    boolean heldByBrokerLimit(String listenerName) {
        return interBrokerListener == null || !interBrokerListener.equalsIgnoreCase(listenerName);
    }
}
