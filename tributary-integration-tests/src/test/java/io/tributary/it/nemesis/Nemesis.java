package io.tributary.it.nemesis;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.tributary.it.cluster.ClusterNode;
import io.tributary.it.cluster.NodeDisk;
import io.tributary.it.cluster.ProcessCluster;

/**
 * Injects faults one at a time on a schedule drawn from {@code new Random(seed)}: a quiet spell, then a fault into a
 * random node, its kind the next of a seeded shuffle of the kinds in use (all unless limited; reshuffled after each
 * round, so even a short run sees every kind), held for a random while, then healed, then waiting (bounded) until the
 * cluster is whole again before the next one. So at most one node is ever down, paused, cut off or wiped, and a node is wiped
 * only while the others hold every partition in full ISRs: a 3-node cluster with min.insync.replicas=2 can always
 * make progress. Every draw of a fault is made before it is applied, so a seed always yields the same sequence of
 * kinds, nodes and durations (the timing of the workloads around them still varies).
 */
public final class Nemesis {

    static final Duration HEAL_TIMEOUT = Duration.ofSeconds(90);
    private static final int MIN_QUIET_MS = 1_000;
    private static final int MAX_EXTRA_QUIET_MS = 3_000;
    private static final int MIN_HOLD_MS = 2_000;
    private static final int MAX_EXTRA_HOLD_MS = 6_000;

    private final ProcessCluster cluster;
    private final ClusterHealth health;
    private final Random random;
    private final List<Fault.Kind> kinds;
    private final List<Fault> faults = new ArrayList<>();
    private final long runStartNanos;

    /** {@code kinds}: the kinds to draw from, in {@link Fault.Kind} order (the shuffle depends on it). */
    Nemesis(ProcessCluster cluster, ClusterHealth health, long seed, long runStartNanos, List<Fault.Kind> kinds) {
        this.cluster = cluster;
        this.health = health;
        this.random = new Random(seed);
        this.runStartNanos = runStartNanos;
        this.kinds = kinds.stream().distinct().sorted().toList();
        if (this.kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kinds to draw from");
        }
    }

    /**
     * Injects faults until {@code duration} has passed (the fault under way is still held and healed) or a fault does
     * not heal within {@link #HEAL_TIMEOUT}; returns every fault injected.
     */
    List<Fault> run(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Integer> ids = cluster.allIds().stream().sorted().toList();
        List<Fault.Kind> round = new ArrayList<>();
        while (true) {
            if (round.isEmpty()) {
                round.addAll(kinds);
                Collections.shuffle(round, random);
            }
            int quietMs = MIN_QUIET_MS + random.nextInt(MAX_EXTRA_QUIET_MS);
            Fault.Kind kind = round.remove(0);
            int node = ids.get(random.nextInt(ids.size()));
            int holdMs = MIN_HOLD_MS + random.nextInt(MAX_EXTRA_HOLD_MS);
            int delayMs = 20 + random.nextInt(480);
            if (System.nanoTime() + Duration.ofMillis(quietMs).toNanos() >= deadline) {
                return List.copyOf(faults);
            }
            Thread.sleep(quietMs); // the schedule itself: time between faults is what is being drawn
            Fault fault = inject(kind, node, holdMs, delayMs);
            faults.add(fault);
            System.out.println("[nemesis] " + fault);
            if (!fault.healed()) {
                return List.copyOf(faults);
            }
        }
    }

    private Fault inject(Fault.Kind kind, int nodeId, int holdMs, int delayMs) throws InterruptedException {
        long start = sinceStart();
        ClusterNode node = cluster.node(nodeId);
        NodeLinks links = cluster.links(nodeId);
        String detail = kind == Fault.Kind.DELAY ? delayMs + "ms" : "";
        try {
            if (kind == Fault.Kind.DISK_FULL) {
                detail = fillDisk(nodeId);
            }
            switch (kind) {
                case KILL, WIPE -> node.kill();
                case PAUSE -> node.pause();
                case PARTITION -> links.set(LinkMode.dropBoth());
                case PARTITION_TO_NODE -> links.set(LinkMode.dropToNode());
                case PARTITION_FROM_NODE -> links.set(LinkMode.dropFromNode());
                case DELAY -> links.set(LinkMode.delayed(Duration.ofMillis(delayMs)));
                case DISK_FULL -> { } // filled above, before the hold starts
            }
            if (kind == Fault.Kind.WIPE) {
                node.wipe();
            }
            Thread.sleep(holdMs); // the fault is held for the drawn time
            long healStart = System.nanoTime();
            switch (kind) {
                case KILL, WIPE -> cluster.restart(node);
                case PAUSE -> node.resume();
                case DISK_FULL -> disk(nodeId).free();
                default -> links.set(LinkMode.PASS);
            }
            health.awaitWhole(HEAL_TIMEOUT);
            long healMs = Duration.ofNanos(System.nanoTime() - healStart).toMillis();
            return new Fault(faults.size() + 1, kind, nodeId, start, holdMs, healMs, detail);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | AssertionError e) {
            cluster.writeThreadDumps("fault-" + (faults.size() + 1));
            return new Fault(faults.size() + 1, kind, nodeId, start, holdMs, -1,
                    (detail + " did not heal: " + e).replace('\n', ' ').replace('\t', ' '));
        }
    }

    /** Fills the node's disk; says how much the filler took and what was in use before. */
    private String fillDisk(int nodeId) throws IOException {
        NodeDisk disk = disk(nodeId);
        long usedBefore = disk.usedBytes();
        long filler = disk.fill();
        return "used " + mib(usedBefore) + " MiB of " + mib(disk.sizeBytes()) + ", filler " + mib(filler) + " MiB";
    }

    private NodeDisk disk(int nodeId) {
        return cluster.disk(nodeId).orElseThrow(() -> new IllegalStateException("node " + nodeId + " has no own disk"));
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }

    private long sinceStart() {
        return Duration.ofNanos(System.nanoTime() - runStartNanos).toMillis();
    }
}
