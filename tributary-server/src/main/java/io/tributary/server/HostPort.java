package io.tributary.server;

/** An advertised endpoint: the host and port clients are told to connect to. */
record HostPort(String host, int port) {
}
