package io.tributary.server;

import org.apache.kafka.common.security.auth.SecurityProtocol;

/** An advertised endpoint: the host and port clients are told to connect to, and the protocol they must speak. */
record HostPort(String host, int port, SecurityProtocol protocol) {
}
