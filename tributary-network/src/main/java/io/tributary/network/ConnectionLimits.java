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
 * {@code max.connections.per.ip.overrides} per client address; and the connection creation rates:
 * {@code max.connection.creation.rate} (broker-wide, inter-broker listener excepted, and per listener) and the
 * {@code connection_creation_rate} client quota of {@code ip} entities.
 *
 * @param maxConnections         broker-wide limit
 * @param listenerMaxConnections per-listener limits, by upper-case listener name
 * @param maxConnectionsPerIp    default limit per client address
 * @param perIpOverrides         limits of particular addresses
 * @param interBrokerListener    the listener the broker-wide limits do not hold back, or null
 * @param rates                  connection creation rates
 */
public record ConnectionLimits(int maxConnections, Map<String, Integer> listenerMaxConnections,
                               int maxConnectionsPerIp, Map<InetAddress, Integer> perIpOverrides,
                               String interBrokerListener, CreationRates rates) {

    /**
     * New connections per second: broker-wide, per listener (upper-case name), per client address (the ip
     * entities' {@code connection_creation_rate}, {@code defaultPerIp} for the {@code <default>} ip entity), and the
     * windows they are measured over ({@code quota.window.num} x {@code quota.window.size.seconds}).
     */
    public record CreationRates(int brokerWide, Map<String, Integer> perListener, int defaultPerIp,
                                Map<InetAddress, Integer> perIp, int windowNum, int windowSizeSeconds) {

        public static final CreationRates NONE = new CreationRates(Integer.MAX_VALUE, Map.of(), Integer.MAX_VALUE,
                Map.of(), 11, 1);

        public CreationRates {
            perListener = Map.copyOf(Objects.requireNonNull(perListener));
            perIp = Map.copyOf(Objects.requireNonNull(perIp));
        }

        int forListener(String listenerName) {
            return perListener.getOrDefault(listenerName.toUpperCase(Locale.ROOT), Integer.MAX_VALUE);
        }

        int forAddress(InetAddress address) {
            return perIp.getOrDefault(address, defaultPerIp);
        }

        // Written out: a record's generated equals is bootstrapped with method handles on first use, which costs
        // every broker start ~20 generated classes (ConnectionRates compares the rates as the server is built).
        @Override
        public boolean equals(Object o) {
            return o instanceof CreationRates other && brokerWide == other.brokerWide
                    && defaultPerIp == other.defaultPerIp && windowNum == other.windowNum
                    && windowSizeSeconds == other.windowSizeSeconds && perListener.equals(other.perListener)
                    && perIp.equals(other.perIp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(brokerWide, perListener, defaultPerIp, perIp, windowNum, windowSizeSeconds);
        }
    }

    public static final ConnectionLimits NONE = new ConnectionLimits(Integer.MAX_VALUE, Map.of(), Integer.MAX_VALUE,
            Map.of(), null, CreationRates.NONE);

    public ConnectionLimits {
        listenerMaxConnections = Map.copyOf(Objects.requireNonNull(listenerMaxConnections));
        perIpOverrides = Map.copyOf(Objects.requireNonNull(perIpOverrides));
        Objects.requireNonNull(rates, "rates");
    }

    /** Without connection creation rates. */
    public ConnectionLimits(int maxConnections, Map<String, Integer> listenerMaxConnections, int maxConnectionsPerIp,
                            Map<InetAddress, Integer> perIpOverrides, String interBrokerListener) {
        this(maxConnections, listenerMaxConnections, maxConnectionsPerIp, perIpOverrides, interBrokerListener,
                CreationRates.NONE);
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
