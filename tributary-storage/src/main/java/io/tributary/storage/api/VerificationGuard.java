package io.tributary.storage.api;

/**
 * KIP-890 part 1: proof that a transactional producer's partition was verified with its transaction coordinator
 * before the append that opens the producer's transaction here. The partition keeps the guard it handed out
 * until the producer's next batch or marker is written; an append carrying another guard (the transaction was
 * aborted meanwhile, so its marker removed the guard) is refused. Compared by identity.
 */
public final class VerificationGuard {

    /** No verification started: the producer's transaction was already open when the request was checked. */
    public static final VerificationGuard SENTINEL = new VerificationGuard(-1L);

    private final long createdMs;

    public VerificationGuard(long createdMs) {
        this.createdMs = createdMs;
    }

    public long createdMs() {
        return createdMs;
    }

    @Override
    public String toString() {
        return this == SENTINEL ? "VerificationGuard(SENTINEL)" : "VerificationGuard(" + createdMs + ")";
    }
}
