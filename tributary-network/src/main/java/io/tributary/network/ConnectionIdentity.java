package io.tributary.network;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** How a connection is named in logs and request contexts: Kafka's {@code localAddr:port-remoteAddr:port-N}. */
record ConnectionIdentity(String connectionId, InetAddress clientAddress) {

    static ConnectionIdentity of(Channel channel, long index) {
        String id = describe(channel.localAddress()) + "-" + describe(channel.remoteAddress()) + "-" + index;
        return new ConnectionIdentity(id, clientAddress(channel.remoteAddress()));
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    /** Non-IP transports (in-VM and embedded test channels) have no peer address; report loopback for them. */
    private static InetAddress clientAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
