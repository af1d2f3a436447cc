package io.tributary.coordinator.group;

import java.net.InetAddress;

/** What the coordinator knows of a request besides its body: version and client identity. */
public record CoordinatorRequestContext(short apiVersion, String clientId, InetAddress clientAddress) {

    /** Kafka's clientHost string as shown by DescribeGroups ("/127.0.0.1"). */
    public String clientHost() {
        return clientAddress == null ? "" : clientAddress.toString();
    }
}
