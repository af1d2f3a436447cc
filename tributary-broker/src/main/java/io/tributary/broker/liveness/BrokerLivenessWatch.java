package io.tributary.broker.liveness;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.network.client.LivenessProber;
import io.tributary.network.client.LivenessProber.Result;
import io.tributary.network.client.LivenessProber.Verdict;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the active controller: notices a crashed broker in well under {@code broker.session.timeout.ms} and has it
 * fenced, so its partitions get new leaders at once.
 *
 * <p>The controller keeps one idle connection to every unfenced broker's inter-broker listener (see
 * {@link LivenessProber}). When it closes, or when this node becomes the active controller, the broker is probed.
 * Two probes in a row that find it {@link Verdict#GONE gone} (connection refused, or closed unanswered) are
 * evidence of a dead process: the broker's registration is fenced. A broker that answers is alive; one that
 * neither answers nor refuses (paused, overloaded, partitioned away) is left to its session timeout and probed
 * again later. A GC pause therefore never causes a failover that the session timeout would not have caused.
 *
 * <p>All state is confined to one scheduler thread.
 */
public final class BrokerLivenessWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLivenessWatch.class);
    private static final long RECONCILE_INTERVAL_MS = 100;
    /** Between the two probes that must both find the process gone. */
    private static final long CONFIRM_DELAY_MS = 100;
    /** Before probing again a broker that did not answer, or whose fencing failed. */
    private static final long RETRY_DELAY_MS = 1000;

    /** Fences a broker's registration found dead; completes with whether it fenced (the controller's operation). */
    @FunctionalInterface
    public interface Fencer {
        CompletionStage<Boolean> fenceUnreachable(int brokerId, long brokerEpoch);
    }

    private final int selfId;
    private final String listenerName;
    private final BooleanSupplier activeController;
    private final Supplier<MetadataImage> image;
    private final Fencer fencer;
    private final LivenessProber prober;
    private final ScheduledExecutorService thread;
    private final Map<Integer, Watched> watched = new HashMap<>();
    private MetadataImage reconciled;

    /** One unfenced broker registration as this watch sees it. */
    private static final class Watched {
        final int id;
        final long epoch;
        final String host;
        final int port;
        LivenessProber.Watch connection;
        boolean probing;
        boolean fencing;
        int goneInARow;
        long nextProbeMs;

        Watched(int id, long epoch, String host, int port) {
            this.id = id;
            this.epoch = epoch;
            this.host = host;
            this.port = port;
        }
    }

    public BrokerLivenessWatch(int selfId, String listenerName, BooleanSupplier activeController,
                               Supplier<MetadataImage> image, Fencer fencer, int probeTimeoutMs) {
        this.selfId = selfId;
        this.listenerName = listenerName;
        this.activeController = activeController;
        this.image = image;
        this.fencer = fencer;
        this.prober = new LivenessProber("tributary-liveness-" + selfId, probeTimeoutMs);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tributary-broker-liveness");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::reconcile, 0, RECONCILE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Watches exactly the unfenced brokers of the image while this node is the active controller. */
    private void reconcile() {
        try {
            if (!activeController.getAsBoolean()) {
                if (!watched.isEmpty()) {
                    watched.values().forEach(BrokerLivenessWatch::closeConnection);
                    watched.clear();
                }
                reconciled = null;
                return;
            }
            MetadataImage current = image.get();
            if (current != reconciled) {
                reconciled = current;
                follow(current);
            }
            long now = System.currentTimeMillis();
            for (Watched w : watched.values()) {
                if (w.connection == null && !w.probing && !w.fencing && now >= w.nextProbeMs) {
                    probe(w);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Broker liveness watch failed; trying again", e);
        }
    }

    private void follow(MetadataImage current) {
        Iterator<Watched> it = watched.values().iterator();
        while (it.hasNext()) {
            Watched w = it.next();
            Optional<BrokerRegistration> now = current.brokers().get(w.id);
            if (now.isEmpty() || now.get().fenced() || now.get().epoch() != w.epoch) {
                closeConnection(w);
                it.remove();
            }
        }
        for (BrokerRegistration broker : current.brokers().all()) {
            if (broker.id() == selfId || broker.fenced() || watched.containsKey(broker.id())) {
                continue;
            }
            broker.endpoint(listenerName).filter(BrokerLivenessWatch::speaksPlaintextKafka).ifPresent(endpoint ->
                    watched.put(broker.id(), new Watched(broker.id(), broker.epoch(), endpoint.host(),
                            endpoint.port())));
        }
    }

    private static boolean speaksPlaintextKafka(BrokerRegistration.Listener endpoint) {
        return endpoint.securityProtocol() == SecurityProtocol.PLAINTEXT
                || endpoint.securityProtocol() == SecurityProtocol.SASL_PLAINTEXT;
    }

    private void probe(Watched w) {
        w.probing = true;
        prober.probe(w.host, w.port).whenComplete((result, error) -> thread.execute(() -> {
            w.probing = false;
            if (watched.get(w.id) != w) {
                if (result != null && result.watch() != null) {
                    result.watch().close();
                }
                return;
            }
            onProbed(w, error == null ? result : new Result(Verdict.UNKNOWN, error.toString(), null));
        }));
    }

    private void onProbed(Watched w, Result result) {
        switch (result.verdict()) {
            case ANSWERING -> {
                w.goneInARow = 0;
                w.connection = result.watch();
                LivenessProber.Watch connection = w.connection;
                connection.lost().thenRun(() -> thread.execute(() -> {
                    if (w.connection == connection) {
                        // The process died, or closed an idle connection: probe again at once.
                        w.connection = null;
                        w.nextProbeMs = 0;
                    }
                }));
            }
            case GONE -> {
                w.goneInARow++;
                if (w.goneInARow < 2) {
                    w.nextProbeMs = System.currentTimeMillis() + CONFIRM_DELAY_MS;
                } else {
                    fence(w, result.detail());
                }
            }
            case UNKNOWN -> {
                w.goneInARow = 0;
                w.nextProbeMs = System.currentTimeMillis() + RETRY_DELAY_MS;
            }
        }
    }

    private void fence(Watched w, String evidence) {
        LOG.warn("Broker {} (epoch {}) looks dead: {} (twice); fencing it without waiting for its session to "
                + "expire", w.id, w.epoch, evidence);
        w.fencing = true;
        fencer.fenceUnreachable(w.id, w.epoch).whenComplete((fenced, error) -> thread.execute(() -> {
            w.fencing = false;
            w.goneInARow = 0;
            // Fenced: the image drops the watch. Not fenced (not the controller any more, or the registration
            // changed meanwhile): the image will tell; probe again later meanwhile.
            w.nextProbeMs = System.currentTimeMillis() + RETRY_DELAY_MS;
            if (error != null) {
                LOG.info("Could not fence broker {}: {}", w.id, error.toString());
            }
        }));
    }

    private static void closeConnection(Watched w) {
        if (w.connection != null) {
            LivenessProber.Watch connection = w.connection;
            w.connection = null;
            connection.close();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watched.values().forEach(BrokerLivenessWatch::closeConnection);
        prober.close();
    }
}
