package io.tributary.broker.controller;

import io.tributary.metadata.image.BrokerRegistration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.BrokerHeartbeatRequest;
import org.apache.kafka.common.requests.BrokerHeartbeatResponse;
import org.apache.kafka.common.requests.BrokerRegistrationRequest;
import org.apache.kafka.common.requests.BrokerRegistrationResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This broker's membership in the cluster (KIP-631): registers with the active controller under a new
 * incarnation id, heartbeats with the metadata offset applied here, learns when it is unfenced, registers again
 * when the controller no longer knows it (unknown broker, stale epoch), and on shutdown asks to shut down
 * (controlled shutdown) until the controller has moved its leaderships away.
 *
 * <p>All state changes run on the given scheduler thread, one request in flight at a time.
 */
public final class BrokerLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLifecycle.class);
    private static final long NO_EPOCH = -1;
    /** While fenced, heartbeats come faster so the broker is unfenced soon after catching up. */
    private static final long FENCED_HEARTBEAT_MS = 200;
    private static final long REGISTRATION_TIMEOUT_MS = 10_000;

    /** What this broker tells the controller about itself. */
    public record Registration(int brokerId, String clusterId, String rack,
                               List<BrokerRegistration.Listener> listeners, List<SupportedFeature> features) {
        public Registration {
            listeners = List.copyOf(listeners);
            features = List.copyOf(features);
        }
    }

    /** A feature range this broker supports, e.g. {@code metadata.version}. */
    public record SupportedFeature(String name, short min, short max) {
    }

    /** The metadata.version levels this broker can follow (Kafka 3.3-IV3 .. 4.1-IV1 levels). */
    public static final SupportedFeature METADATA_VERSION = new SupportedFeature("metadata.version",
            (short) 7, (short) 27);

    private final Registration registration;
    private final ControllerChannel controller;
    private final LongSupplier metadataOffset;
    private final ScheduledExecutorService scheduler;
    private final long heartbeatIntervalMs;
    private final long previousBrokerEpoch;
    private final Uuid incarnationId = Uuid.randomUuid();
    private final CompletableFuture<Void> unfenced = new CompletableFuture<>();
    private final CompletableFuture<Void> shutdownGranted = new CompletableFuture<>();

    // Written on the scheduler thread only.
    private volatile long brokerEpoch = NO_EPOCH;
    private volatile boolean wantShutDown;
    private volatile boolean wantFence;
    private final CompletableFuture<Long> registered = new CompletableFuture<>();
    private boolean inFlight;
    private boolean stopped;
    private ScheduledFuture<?> next;

    /**
     * @param metadataOffset the offset of the metadata image applied on this node
     * @param scheduler      a single thread; never blocked here
     */
    public BrokerLifecycle(Registration registration, ControllerChannel controller, LongSupplier metadataOffset,
                           ScheduledExecutorService scheduler, long heartbeatIntervalMs) {
        this(registration, controller, metadataOffset, scheduler, heartbeatIntervalMs, NO_EPOCH);
    }

    /**
     * @param previousBrokerEpoch the epoch this broker had when it last stopped cleanly (its clean-shutdown
     *                            marker), -1 after a crash or on a new or wiped disk: the controller takes a broker
     *                            that sends another epoch than its last registration's out of every ISR and ELR
     *                            (KIP-966)
     */
    public BrokerLifecycle(Registration registration, ControllerChannel controller, LongSupplier metadataOffset,
                           ScheduledExecutorService scheduler, long heartbeatIntervalMs, long previousBrokerEpoch) {
        this.previousBrokerEpoch = previousBrokerEpoch;
        this.registration = registration;
        this.controller = controller;
        this.metadataOffset = metadataOffset;
        this.scheduler = scheduler;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
    }

    public void start() {
        scheduler.execute(this::register);
    }

    /**
     * Whether heartbeats ask to stay fenced (Kafka's wantFence). A starting broker asks until its logs are
     * recovered, so the controller does not make it a leader before it can serve; clearing it heartbeats at once.
     */
    public void wantFence(boolean fence) {
        wantFence = fence;
        if (!fence) {
            scheduler.execute(() -> {
                if (brokerEpoch != NO_EPOCH && !inFlight && !stopped) {
                    reschedule(0, this::heartbeat);
                }
            });
        }
    }

    /** Completes with the broker epoch once the controller has accepted the first registration. */
    public CompletableFuture<Long> registered() {
        return registered;
    }

    /**
     * Completes once the controller has unfenced this broker; the server serves clients only then. Fails when the
     * controller refuses the registration for good (another cluster id, unsupported features).
     */
    public CompletableFuture<Void> unfenced() {
        return unfenced;
    }

    /** The epoch of the current registration, or -1 before the first one is accepted. */
    public long brokerEpoch() {
        return brokerEpoch;
    }

    public Uuid incarnationId() {
        return incarnationId;
    }

    /**
     * Controlled shutdown: heartbeats with wantShutDown until the controller answers shouldShutDown (it has moved
     * leadership away) or {@code timeoutMs} passes, then stops heartbeating. Blocks the caller.
     */
    public void shutdown(long timeoutMs) {
        scheduler.execute(() -> {
            wantShutDown = true;
            if (brokerEpoch == NO_EPOCH) {
                shutdownGranted.complete(null); // never registered: nothing to hand over
            } else if (!inFlight) {
                reschedule(0, this::heartbeat);
            }
        });
        try {
            shutdownGranted.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Controlled shutdown of broker {} not confirmed within {} ms", registration.brokerId(),
                    timeoutMs);
        } catch (ExecutionException e) {
            LOG.warn("Controlled shutdown of broker {} failed", registration.brokerId(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.execute(() -> {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        });
    }

    private void register() {
        if (stopped) {
            return;
        }
        BrokerRegistrationRequestData data = new BrokerRegistrationRequestData()
                .setBrokerId(registration.brokerId())
                .setClusterId(registration.clusterId())
                .setIncarnationId(incarnationId)
                .setRack(registration.rack())
                // After a first registration, this process's own epoch: its logs are the ones that registration had.
                .setPreviousBrokerEpoch(brokerEpoch != NO_EPOCH ? brokerEpoch : previousBrokerEpoch);
        for (BrokerRegistration.Listener listener : registration.listeners()) {
            data.listeners().add(new BrokerRegistrationRequestData.Listener()
                    .setName(listener.name())
                    .setHost(listener.host())
                    .setPort(listener.port())
                    .setSecurityProtocol(listener.securityProtocol().id));
        }
        for (SupportedFeature feature : registration.features()) {
            data.features().add(new BrokerRegistrationRequestData.Feature()
                    .setName(feature.name())
                    .setMinSupportedVersion(feature.min())
                    .setMaxSupportedVersion(feature.max()));
        }
        inFlight = true;
        controller.send(new BrokerRegistrationRequest.Builder(data).build(), REGISTRATION_TIMEOUT_MS)
                .whenComplete((response, error) -> scheduler.execute(() -> onRegistered(response, error)));
    }

    private void onRegistered(AbstractResponse response, Throwable error) {
        inFlight = false;
        Errors outcome = error != null ? Errors.forException(error)
                : Errors.forCode(((BrokerRegistrationResponse) response).data().errorCode());
        if (outcome == Errors.INCONSISTENT_CLUSTER_ID || outcome == Errors.UNSUPPORTED_VERSION) {
            // Retrying cannot help: wrong cluster, or features the controller will not accept.
            LOG.error("Broker {} cannot register: {}", registration.brokerId(), outcome);
            stopped = true;
            RuntimeException refused = outcome.exception("Broker " + registration.brokerId()
                    + " registration refused: " + outcome.message());
            registered.completeExceptionally(refused);
            unfenced.completeExceptionally(refused);
            return;
        }
        if (outcome != Errors.NONE) {
            LOG.warn("Broker {} registration failed: {}; retrying", registration.brokerId(), outcome);
            reschedule(heartbeatIntervalMs, this::register);
            return;
        }
        brokerEpoch = ((BrokerRegistrationResponse) response).data().brokerEpoch();
        registered.complete(brokerEpoch);
        LOG.info("Broker {} registered with epoch {} (incarnation {})", registration.brokerId(), brokerEpoch,
                incarnationId);
        reschedule(0, this::heartbeat);
    }

    private void heartbeat() {
        if (stopped) {
            return;
        }
        inFlight = true;
        BrokerHeartbeatRequestData data = new BrokerHeartbeatRequestData()
                .setBrokerId(registration.brokerId())
                .setBrokerEpoch(brokerEpoch)
                .setCurrentMetadataOffset(metadataOffset.getAsLong())
                .setWantFence(wantFence && !unfenced.isDone())
                .setWantShutDown(wantShutDown);
        controller.send(new BrokerHeartbeatRequest.Builder(data).build(), heartbeatIntervalMs)
                .whenComplete((response, error) -> scheduler.execute(() -> onHeartbeat(response, error)));
    }

    private void onHeartbeat(AbstractResponse response, Throwable error) {
        inFlight = false;
        BrokerHeartbeatResponseData data = error == null ? ((BrokerHeartbeatResponse) response).data() : null;
        Errors outcome = error != null ? Errors.forException(error) : Errors.forCode(data.errorCode());
        switch (outcome) {
            case NONE -> {
                if (!data.isFenced() && !unfenced.isDone()) {
                    LOG.info("Broker {} is unfenced", registration.brokerId());
                    unfenced.complete(null);
                }
                if (wantShutDown && data.shouldShutDown()) {
                    shutdownGranted.complete(null);
                    return;
                }
                reschedule(data.isFenced() && !wantShutDown ? Math.min(FENCED_HEARTBEAT_MS, heartbeatIntervalMs)
                        : heartbeatIntervalMs, this::heartbeat);
            }
            case STALE_BROKER_EPOCH, BROKER_ID_NOT_REGISTERED -> {
                // The controller lost or replaced our registration (e.g. it fenced us out): register again.
                LOG.warn("Broker {} heartbeat refused with {}; registering again", registration.brokerId(),
                        outcome);
                reschedule(0, this::register);
            }
            default -> {
                LOG.debug("Broker {} heartbeat failed: {}", registration.brokerId(), outcome);
                reschedule(heartbeatIntervalMs, this::heartbeat);
            }
        }
    }

    private void reschedule(long delayMs, Runnable step) {
        if (stopped) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        next = scheduler.schedule(step, delayMs, TimeUnit.MILLISECONDS);
    }
}
