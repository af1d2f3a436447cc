package io.tributary.storage.producer;

/** Exposes package-private sequence arithmetic to tests in other packages. */
public final class ProducerStateManagerAccess {

    private ProducerStateManagerAccess() {
    }

    public static boolean inSequence(int lastSeq, int nextSeq) {
        return ProducerAppend.inSequence(lastSeq, nextSeq);
    }
}
