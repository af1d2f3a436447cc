package io.tributary.network;

import java.util.List;
import java.util.Objects;

/**
 * Socket-server settings, named after their Kafka broker counterparts.
 *
 * @param maxRequestBytes          {@code socket.request.max.bytes}: larger frames close the connection
 * @param connectionsMaxIdleMs     {@code connections.max.idle.ms}
 * @param ioThreads                event-loop threads serving connections; 0 = Netty's default (2 x cores)
 * @param socketSendBufferBytes    {@code socket.send.buffer.bytes}; -1 = OS default
 * @param socketReceiveBufferBytes {@code socket.receive.buffer.bytes}; -1 = OS default
 */
public record NetworkConfig(List<Endpoint> listeners, int maxRequestBytes, long connectionsMaxIdleMs, int ioThreads,
                            int socketSendBufferBytes, int socketReceiveBufferBytes) {

    public static final int DEFAULT_MAX_REQUEST_BYTES = 104_857_600;
    public static final long DEFAULT_CONNECTIONS_MAX_IDLE_MS = 600_000L;
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 102_400;

    public NetworkConfig {
        listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
        if (listeners.isEmpty()) {
            throw new IllegalArgumentException("At least one listener is required");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
        }
        if (connectionsMaxIdleMs <= 0) {
            throw new IllegalArgumentException("connectionsMaxIdleMs must be positive: " + connectionsMaxIdleMs);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must be >= 0: " + ioThreads);
        }
        requireBufferSize("socketSendBufferBytes", socketSendBufferBytes);
        requireBufferSize("socketReceiveBufferBytes", socketReceiveBufferBytes);
    }

    public static NetworkConfig defaults(List<Endpoint> listeners) {
        return new NetworkConfig(listeners, DEFAULT_MAX_REQUEST_BYTES, DEFAULT_CONNECTIONS_MAX_IDLE_MS, 0,
                DEFAULT_SOCKET_BUFFER_BYTES, DEFAULT_SOCKET_BUFFER_BYTES);
    }

    private static void requireBufferSize(String name, int value) {
        if (value == 0 || value < -1) {
            throw new IllegalArgumentException(name + " must be positive or -1 (OS default): " + value);
        }
    }
}
