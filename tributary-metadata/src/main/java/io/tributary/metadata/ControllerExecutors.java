package io.tributary.metadata;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where the controller runs: its operation and timer thread, and the thread that applies committed batches to the
 * image. A server uses one daemon thread each ({@link #THREADS}); a deterministic simulation supplies executors
 * driven by its simulated clock instead, so the same controller code runs without real threads or time.
 */
public interface ControllerExecutors {

    /** One thread, for operations and timers, one at a time. */
    ScheduledExecutorService controllerThread(int nodeId);

    /** One thread, applying committed batches in order. */
    ExecutorService applyThread(int nodeId);

    /** A daemon thread each: {@code tributary-controller-N} and {@code tributary-metadata-apply-N}. */
    ControllerExecutors THREADS = new ControllerExecutors() {
        @Override
        public ScheduledExecutorService controllerThread(int nodeId) {
            return Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tributary-controller-" + nodeId));
        }

        @Override
        public ExecutorService applyThread(int nodeId) {
            return Executors.newSingleThreadExecutor(r -> daemon(r, "tributary-metadata-apply-" + nodeId));
        }

        private Thread daemon(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }
    };
}
