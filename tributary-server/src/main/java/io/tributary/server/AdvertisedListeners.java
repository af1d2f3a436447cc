package io.tributary.server;

import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What clients are told to connect to, per listener: advertised.listeners, where port 0 means "the port this
 * listener actually bound" and an empty host means this machine's name, as in Kafka.
 */
final class AdvertisedListeners {

    private AdvertisedListeners() {
    }

    /** @param protocolMap listener.security.protocol.map (null or blank: names that are protocols use them) */
    static Map<String, HostPort> resolve(String advertised, String protocolMap, NettyServer server) {
        Map<String, HostPort> result = new LinkedHashMap<>();
        List<Endpoint> endpoints = Endpoint.parseList(advertised, protocolMap);
        for (Endpoint endpoint : endpoints) {
            int port = endpoint.port() == 0 ? server.boundPort(endpoint.listenerName()) : endpoint.port();
            result.put(endpoint.listenerName(), new HostPort(host(endpoint.host()), port,
                    endpoint.securityProtocol()));
        }
        return result;
    }

    private static String host(String configured) {
        if (configured != null && !configured.isEmpty() && !"0.0.0.0".equals(configured)) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
