package io.tributary.it.nemesis;

/**
 * One fault the nemesis injected: when (milliseconds since the run started), into which node, how long it was held,
 * and how long the cluster then took to be whole again ({@code healMillis}, -1 when it did not within the bound).
 */
public record Fault(int index, Kind kind, int node, long startMillis, long heldMillis, long healMillis, String detail) {

    public enum Kind {
        /** SIGKILL, then a restart on the same data. */
        KILL,
        /** SIGSTOP, then SIGCONT. */
        PAUSE,
        /** Every link into the node dropped both ways. */
        PARTITION,
        /** Bytes towards the node dropped (its requests in, from clients and peers, vanish). */
        PARTITION_TO_NODE,
        /** Bytes from the node dropped (its answers vanish). */
        PARTITION_FROM_NODE,
        /** Every link into the node slowed by a delay. */
        DELAY,
        /** SIGKILL, data folder deleted, restart: the node comes back empty. */
        WIPE,
        /** The node's disk filled up (no byte left for partition logs, Raft log or checkpoints); heal frees it. */
        DISK_FULL
    }

    public boolean healed() {
        return healMillis >= 0;
    }

    String tsv() {
        return index + "\t" + kind + "\t" + node + "\t" + startMillis + "\t" + heldMillis + "\t" + healMillis + "\t"
                + detail;
    }
}
