package io.tributary.bench.tools;

import java.util.BitSet;

/**
 * Which records of a run were acknowledged to the producer and which the consumer received, by sequence number:
 * lost are those acknowledged and never received. Acknowledgements come from the producer's I/O thread only and
 * receipts from the consumer's thread only; {@link #lost()} is asked once both threads are done.
 */
final class DeliveryLedger {

    private final BitSet acked = new BitSet();
    private final BitSet received = new BitSet();
    private final long capacity;
    private volatile long ackedCount;
    private volatile long receivedCount;
    private long duplicates;
    private long foreign;

    DeliveryLedger(long capacity) {
        if (capacity > Integer.MAX_VALUE) throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " records");
        this.capacity = capacity;
    }

    void onAcked(long sequence) {
        if (sequence < 0 || sequence >= capacity || acked.get((int) sequence)) return;
        acked.set((int) sequence);
        ackedCount++; // one writer
    }

    /** False for a duplicate or a record not of this run. */
    boolean onReceived(long sequence) {
        if (sequence < 0 || sequence >= capacity) {
            foreign++;
            return false;
        }
        if (received.get((int) sequence)) {
            duplicates++;
            return false;
        }
        received.set((int) sequence);
        receivedCount++; // one writer
        return true;
    }

    long ackedCount() {
        return ackedCount;
    }

    long receivedCount() {
        return receivedCount;
    }

    long duplicates() {
        return duplicates;
    }

    long foreign() {
        return foreign;
    }

    /** Acknowledged and never received. */
    long lost() {
        BitSet missing = (BitSet) acked.clone();
        missing.andNot(received);
        return missing.cardinality();
    }
}
