package io.tributary.metadata;

import io.tributary.metadata.image.MetadataImage;
import java.util.List;
import java.util.OptionalInt;

import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tributary.metadata.controller.BrokerLifecycleControl;
import io.tributary.metadata.controller.BrokerSessions;
import io.tributary.metadata.controller.LeaderElections;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.LeaderChangeRecord;
import io.tributary.metadata.controller.ScramAlteration;
import io.tributary.metadata.record.MetadataRecord;

/**
 * The controller's timers, run on the controller thread: becoming active when this node becomes the writer,
 * fencing brokers whose session expired, and the automatic preferred-leader rebalance.
 */
final class PeriodicTasks {

    static final long TICK_MS = 100;

    private static final Logger log = LoggerFactory.getLogger(PeriodicTasks.class);

    private final ControllerConfig config;
    private final MetadataLog metadataLog;
    private final Time time;
    private final MetadataApplier applier;
    private final BrokerLifecycleControl lifecycle;
    private final LeaderElections leaderElections;
    private final Committer committer;
    private final BrokerSessions sessions;
    private volatile int activeEpoch = MetadataLog.NOT_WRITER;
    private long nextRebalanceMs;

    PeriodicTasks(ControllerConfig config, MetadataLog metadataLog, Time time, MetadataApplier applier,
                  BrokerLifecycleControl lifecycle, LeaderElections leaderElections,
                  Committer committer) {
        this.config = config;
        this.metadataLog = metadataLog;
        this.time = time;
        this.applier = applier;
        this.lifecycle = lifecycle;
        this.leaderElections = leaderElections;
        this.committer = committer;
        this.sessions = new BrokerSessions(config.brokerSessionTimeoutMs());
    }

    /**
     * Stops acting as the active controller until the next tick re-activates with a new leader change record:
     * once that record is applied, any earlier batch that was still in flight is in the image too.
     */
    void deactivate() {
        if (activeEpoch != MetadataLog.NOT_WRITER) {
            log.warn("Node {} pauses as active controller after a failed metadata commit; re-activating",
                config.nodeId());
            activeEpoch = MetadataLog.NOT_WRITER;
        }
    }

    boolean isActive() {
        int epoch = activeEpoch;
        return epoch != MetadataLog.NOT_WRITER && metadataLog.writerEpoch() == epoch;
    }

    /** The active controller as far as this node knows (this node once active, else the quorum leader). */
    OptionalInt activeControllerId() {
        return isActive() ? OptionalInt.of(config.nodeId()) : metadataLog.leaderId();
    }

    BrokerSessions sessions() {
        return sessions;
    }

    /** A broker heartbeat arrived (on the receiving thread, before it queues for the controller thread). */
    void heartbeatArrived(int brokerId, long brokerEpoch) {
        sessions.heard(applier.image(), brokerId, brokerEpoch, time.milliseconds());
    }

    void run() {
        try {
            if (!activateIfWriter()) {
                return;
            }
            fenceExpiredSessions();
            rebalanceIfDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Lost leadership or a slow quorum: the next tick tries again.
            log.warn("Controller periodic task failed on node {}: {}", config.nodeId(), e.toString());
        }
    }

    /**
     * Becomes active for the writer's current epoch: commits a leader change record, whose application proves
     * the image holds every batch committed before this epoch, then gives every broker a fresh session.
     */
    private boolean activateIfWriter() throws Exception {
        int epoch = metadataLog.writerEpoch();
        if (epoch == MetadataLog.NOT_WRITER) {
            if (activeEpoch != MetadataLog.NOT_WRITER) {
                log.info("Node {} is no longer the active controller (epoch {})", config.nodeId(), activeEpoch);
                activeEpoch = MetadataLog.NOT_WRITER;
            }
            return false;
        }
        if (epoch == activeEpoch) {
            return true;
        }
        activeEpoch = MetadataLog.NOT_WRITER;
        committer.commit(List.of(new LeaderChangeRecord(config.nodeId(), epoch)));
        if (metadataLog.writerEpoch() != epoch) {
            return false;
        }
        // The first admin's SCRAM credential (tributary.bootstrap.scram.credentials), if the image lacks it.
        List<io.tributary.metadata.record.MetadataRecord> bootstrapScram = new ScramAlteration().bootstrap(
            applier.image(), config.bootstrapScramCredentials());
        if (!bootstrapScram.isEmpty()) {
            committer.commit(bootstrapScram);
        }
        long now = time.milliseconds();
        sessions.resetAll(applier.image(), now);
        nextRebalanceMs = now + config.leaderImbalanceCheckIntervalMs();
        activeEpoch = epoch;
        log.info("Node {} is the active controller in epoch {} at metadata offset {}", config.nodeId(), epoch,
            applier.image().offset());
        return true;
    }

    private void fenceExpiredSessions() throws Exception {
        for (int brokerId : sessions.expired(applier.image(), time.milliseconds())) {
            MetadataImage image = applier.image();
            if (image.brokers().get(brokerId).map(b -> !b.fenced()).orElse(false)) {
                log.info("Fencing broker {}: no heartbeat within {} ms", brokerId, config.brokerSessionTimeoutMs());
                committer.commit(lifecycle.fence(image, brokerId));
            }
        }
    }

    private void rebalanceIfDue() throws Exception {
        long now = time.milliseconds();
        if (!config.autoLeaderRebalanceEnable() || now < nextRebalanceMs) {
            return;
        }
        nextRebalanceMs = now + config.leaderImbalanceCheckIntervalMs();
        List<MetadataRecord> records = leaderElections.rebalance(applier.image(),
            config.leaderImbalancePerBrokerPercentage());
        if (!records.isEmpty()) {
            log.info("Moving {} partition(s) back to their preferred leader", records.size());
            committer.commit(records);
        }
    }

    /** Commits records the way controller operations do (append, wait until applied). */
    @FunctionalInterface
    interface Committer {
        void commit(List<MetadataRecord> records) throws Exception;
    }
}
