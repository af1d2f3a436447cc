package io.tributary.broker.simulation;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Messages between nodes: each one is delayed (a base latency plus random jitter, so messages on a link overtake
 * each other), sometimes delayed much longer (a retransmission: heavy reordering), or lost. A message is delivered
 * only if the sender's and the receiver's processes are still the ones that sent and were addressed: a crash or
 * restart in between drops it, as a closed connection would.
 */
final class SimNetwork {

    /** Per-link fault rates, changed by the fault schedule. */
    record LinkFaults(double lossProbability, double spikeProbability, long spikeMaxMs) {
        static final LinkFaults NONE = new LinkFaults(0, 0, 0);
    }

    private final EventLoop loop;
    private final Random random;
    private final long baseDelayMs;
    private final long jitterMs;
    private final Map<Integer, Integer> incarnations = new HashMap<>();
    private final Map<Long, LinkFaults> links = new HashMap<>();
    private LinkFaults defaults = LinkFaults.NONE;
    private long sent;
    private long lost;

    SimNetwork(EventLoop loop, Random random, long baseDelayMs, long jitterMs) {
        this.loop = loop;
        this.random = random;
        this.baseDelayMs = baseDelayMs;
        this.jitterMs = jitterMs;
    }

    /** A node (re)started: messages to or from its previous process are dropped. Returns its incarnation. */
    int start(int nodeId) {
        int next = Math.abs(incarnations.getOrDefault(nodeId, 0)) + 1;
        incarnations.put(nodeId, next);
        return next;
    }

    /** The node's process died: negative until it starts again with a new incarnation. */
    void crash(int nodeId) {
        incarnations.put(nodeId, -(Math.abs(incarnations.getOrDefault(nodeId, 0)) + 1));
    }

    boolean isUp(int nodeId) {
        return incarnations.getOrDefault(nodeId, -1) > 0;
    }

    int incarnation(int nodeId) {
        return incarnations.getOrDefault(nodeId, -1);
    }

    void setDefaultFaults(LinkFaults faults) {
        defaults = faults;
    }

    void setLinkFaults(int from, int to, LinkFaults faults) {
        links.put(key(from, to), faults);
    }

    void clearLinkFaults(int from, int to) {
        links.remove(key(from, to));
    }

    void clearAllLinkFaults() {
        links.clear();
    }

    long sent() {
        return sent;
    }

    long lost() {
        return lost;
    }

    /** Sends from {@code from}'s current process to {@code to}'s current process; {@code deliver} runs on arrival. */
    void send(int from, int to, Runnable deliver) {
        sent++;
        int fromIncarnation = incarnation(from);
        int toIncarnation = incarnation(to);
        LinkFaults faults = links.getOrDefault(key(from, to), defaults);
        if (fromIncarnation <= 0 || toIncarnation <= 0 || random.nextDouble() < faults.lossProbability()) {
            lost++;
            return;
        }
        long delay = baseDelayMs + (jitterMs > 0 ? (long) (random.nextDouble() * jitterMs) : 0);
        if (faults.spikeProbability() > 0 && random.nextDouble() < faults.spikeProbability()) {
            delay += 1 + (long) (random.nextDouble() * faults.spikeMaxMs());
        }
        loop.schedule(delay, () -> {
            if (incarnation(from) == fromIncarnation && incarnation(to) == toIncarnation) {
                deliver.run();
            } else {
                lost++;
            }
        });
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }
}
