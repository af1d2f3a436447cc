package io.tributary.network;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts open connections per broker, listener and client address and applies the {@link ConnectionLimits} as
 * Kafka does: a connection over its address's limit is closed at once; while the broker or its listener is at its
 * limit, new connections wait unread (Kafka leaves them in the accept backlog) and are let in, oldest first, as
 * others close. Connection creation rates (KIP-612) pause a listener's accepting for the throttle time, and a
 * connection over its address's {@code connection_creation_rate} is closed after it. Accepts and closes are rare
 * next to requests, so one lock keeps the counts simple; counting goes on without limits too, so that limits set
 * at run time apply to the connections already open.
 */
final class ConnectionQuotas {

    private static final Logger log = LoggerFactory.getLogger(ConnectionQuotas.class);

    private volatile ConnectionLimits limits;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Map<String, Integer> perListener = new HashMap<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int total;
    /** Counted connections of listeners the broker-wide limit holds. */
    private int totalHeld;

    private final ConnectionRates rates = new ConnectionRates(Time.SYSTEM);
    /** Listeners not accepting while a connection creation rate is exceeded, until this System.nanoTime(). */
    private final Map<Channel, Long> acceptPausedUntil = new HashMap<>();

    private record Waiting(Channel channel, String listenerName) {
    }

    ConnectionQuotas(ConnectionLimits limits) {
        this.limits = limits;
        rates.update(limits.rates());
    }

    void update(ConnectionLimits newLimits) {
        this.limits = newLimits;
        synchronized (this) {
            rates.update(newLimits.rates());
            admitWaiting();
        }
    }

    synchronized void close() {
        rates.close();
    }

    /**
     * Called for each accepted connection before it reads anything. Returns false when the connection was refused
     * (closed: its address has too many); a connection that must wait has reads off until it is admitted.
     */
    boolean onAccepted(Channel channel, String listenerName) {
        ConnectionLimits current = limits;
        InetAddress address = address(channel);
        synchronized (this) {
            // Kafka's order: the listener's creation rate (its acceptor waits), the address's (closed after the
            // throttle time, and not counted), then the counts.
            long listenerThrottleMs = rates.recordListener(listenerName, current.heldByBrokerLimit(listenerName));
            if (listenerThrottleMs > 0) {
                pauseAccepting(channel.parent(), listenerName, listenerThrottleMs);
            }
            long addressThrottleMs = rates.recordAddress(address);
            if (addressThrottleMs > 0) {
                log.info("Closing connection from {} on {} in {} ms: over its connection_creation_rate",
                        address.getHostAddress(), listenerName, addressThrottleMs);
                channel.config().setAutoRead(false);
                channel.eventLoop().schedule(() -> {
                    channel.close();
                }, addressThrottleMs, TimeUnit.MILLISECONDS);
                return false;
            }
            int fromAddress = perAddress.getOrDefault(address, 0);
            if (fromAddress >= current.maxForAddress(address)) {
                log.info("Refusing connection from {} on {}: it already has {} connections (max.connections.per.ip)",
                        address.getHostAddress(), listenerName, fromAddress);
                channel.close();
                return false;
            }
            perAddress.merge(address, 1, Integer::sum);
            channel.closeFuture().addListener(f -> onClosed(address));
            if (waiting.isEmpty() && hasRoom(current, listenerName)) {
                admit(listenerName);
                channel.closeFuture().addListener(f -> onAdmittedClosed(listenerName));
                if (listenerThrottleMs > 0) {
                    // Kafka's acceptor hands the connection over only once the throttle time has passed.
                    channel.config().setAutoRead(false);
                    channel.eventLoop().schedule(() -> {
                        channel.config().setAutoRead(true);
                    }, listenerThrottleMs, TimeUnit.MILLISECONDS);
                }
                return true;
            }
            log.debug("Connection from {} on {} waits: the broker or listener is at max.connections",
                    address.getHostAddress(), listenerName);
            channel.config().setAutoRead(false);
            waiting.addLast(new Waiting(channel, listenerName));
            return true;
        }
    }

    /** Stops accepting on the listener for {@code throttleMs} (connections wait in the accept backlog meanwhile). */
    private void pauseAccepting(Channel listener, String listenerName, long throttleMs) {
        if (listener == null) {
            return;
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(throttleMs);
        Long paused = acceptPausedUntil.get(listener);
        if (paused != null && paused - until >= 0) {
            return;
        }
        log.debug("Listener {} stops accepting for {} ms: over max.connection.creation.rate", listenerName,
                throttleMs);
        acceptPausedUntil.put(listener, until);
        listener.config().setAutoRead(false);
        listener.eventLoop().schedule(() -> {
            synchronized (this) {
                Long current = acceptPausedUntil.get(listener);
                if (current != null && current == until) {
                    acceptPausedUntil.remove(listener);
                    listener.config().setAutoRead(true);
                }
            }
        }, throttleMs, TimeUnit.MILLISECONDS);
    }

    private boolean hasRoom(ConnectionLimits current, String listenerName) {
        boolean held = current.heldByBrokerLimit(listenerName);
        return (!held || totalHeld < current.maxConnections())
                && perListener.getOrDefault(listenerName, 0) < current.maxForListener(listenerName);
    }

    private void admit(String listenerName) {
        total++;
        if (limits.heldByBrokerLimit(listenerName)) {
            totalHeld++;
        }
        perListener.merge(listenerName, 1, Integer::sum);
    }

    private synchronized void onClosed(InetAddress address) {
        perAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
    }

    private synchronized void onAdmittedClosed(String listenerName) {
        total--;
        if (limits.heldByBrokerLimit(listenerName)) {
            totalHeld--;
        }
        perListener.computeIfPresent(listenerName, (l, count) -> count <= 1 ? null : count - 1);
        admitWaiting();
    }

    /** Lets in the waiting connections there is room for now, oldest first. */
    private void admitWaiting() {
        ConnectionLimits current = limits;
        Iterator<Waiting> it = waiting.iterator();
        while (it.hasNext()) {
            Waiting next = it.next();
            if (!next.channel.isOpen()) {
                it.remove();
            } else if (hasRoom(current, next.listenerName)) {
                it.remove();
                admit(next.listenerName);
                next.channel.closeFuture().addListener(f -> onAdmittedClosed(next.listenerName));
                next.channel.eventLoop().execute(() -> next.channel.config().setAutoRead(true));
            }
        }
    }

    synchronized int connections() {
        return total;
    }

    private static InetAddress address(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
