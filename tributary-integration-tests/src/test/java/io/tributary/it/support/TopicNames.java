package io.tributary.it.support;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique, valid topic names so tests sharing one broker never see each other's data. */
public final class TopicNames {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TopicNames() {
    }

    public static String unique(String purpose) {
        return purpose + "-" + COUNTER.incrementAndGet() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    }
}
