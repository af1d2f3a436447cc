package io.tributary.metrics;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of the JVM that ticks the rates of every {@link KafkaMetrics} meter every 5 seconds (Yammer 2's
 * meter tick thread, which Kafka's meters have). Meters are held weakly: a meter nobody holds any more (a removed
 * topic's, a stopped broker's) is dropped from the ticks by the garbage collector, without being unregistered.
 */
final class MeterTicker {

    private static final ConcurrentLinkedQueue<WeakReference<TickedMovingAverages>> AVERAGES =
            new ConcurrentLinkedQueue<>();
    private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "tributary-meter-tick");
        thread.setDaemon(true);
        return thread;
    });

    static {
        long period = TickedMovingAverages.TICK_SECONDS;
        THREAD.scheduleAtFixedRate(MeterTicker::tickAll, period, period, TimeUnit.SECONDS);
    }

    private MeterTicker() {
    }

    static void register(TickedMovingAverages averages) {
        AVERAGES.add(new WeakReference<>(averages));
    }

    private static void tickAll() {
        for (Iterator<WeakReference<TickedMovingAverages>> it = AVERAGES.iterator(); it.hasNext(); ) {
            TickedMovingAverages averages = it.next().get();
            if (averages == null) {
                it.remove();
            } else {
                try {
                    averages.tick();
                } catch (RuntimeException e) {
                    // One meter's failure must not stop the ticks of all (the executor would cancel the task).
                }
            }
        }
    }
}
