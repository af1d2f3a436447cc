package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.record.BrokerStateRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;

/**
 * KIP-631 broker lifecycle: registration (starts fenced), heartbeats (unfence once caught up, controlled
 * shutdown), fencing. The broker epoch of a registration is only known once committed; the controller fills it
 * into the registration response.
 */
public final class BrokerLifecycleControl {

    private final BrokerPartitionChanges partitionChanges;

    public BrokerLifecycleControl(EffectiveConfigResolver resolver) {
        this.partitionChanges = new BrokerPartitionChanges(resolver);
    }

    /** AssignReplicasToDirs: replicas in a failed log dir move away (see {@link ReplicaDirectories}). */
    public ReplicaDirectories replicaDirectories() {
        return new ReplicaDirectories(partitionChanges);
    }

    public ControllerResult<BrokerRegistrationResponseData> register(MetadataImage image,
                                                                     BrokerRegistrationRequestData request) {
        BrokerRegistrationResponseData response = new BrokerRegistrationResponseData();
        if (request.clusterId() != null && !request.clusterId().equals(image.clusterId())) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.INCONSISTENT_CLUSTER_ID.code())
                .setBrokerEpoch(-1));
        }
        Optional<BrokerRegistration> existing = image.brokers().get(request.brokerId());
        if (existing.isPresent() && existing.get().incarnationId().equals(request.incarnationId())) {
            // A retry from the same process: the registration it asked for is already there.
            return new ControllerResult<>(List.of(), response.setBrokerEpoch(existing.get().epoch()));
        }
        List<MetadataRecord> records = new ArrayList<>();
        if (existing.isPresent() && !existing.get().fenced()) {
            records.addAll(fence(image, request.brokerId()));
        }
        if (uncleanShutdown(existing, request)) {
            records.addAll(partitionChanges.removeUncleanlyShutDown(PartitionElection.applied(image, records),
                request.brokerId()));
        }
        List<BrokerRegistration.Listener> endpoints = new ArrayList<>();
        for (BrokerRegistrationRequestData.Listener l : request.listeners()) {
            endpoints.add(new BrokerRegistration.Listener(l.name(), l.host(), l.port(),
                SecurityProtocol.forId(l.securityProtocol())));
        }
        // Last in its batch, so the batch offset (the broker epoch) is this record's own offset.
        records.add(new RegisterBrokerRecord(request.brokerId(), request.incarnationId(), endpoints, request.rack(),
            true));
        return new ControllerResult<>(records, response);
    }

    /**
     * KIP-966: a new incarnation whose PreviousBrokerEpoch is not the epoch of the registration it replaces did not
     * stop cleanly (crash: -1, or a wiped disk), so its log may have lost what the ISR acknowledged.
     */
    private static boolean uncleanShutdown(Optional<BrokerRegistration> existing,
                                           BrokerRegistrationRequestData request) {
        return existing.isEmpty() || existing.get().epoch() < 0
            || existing.get().epoch() != request.previousBrokerEpoch();
    }

    public ControllerResult<BrokerHeartbeatResponseData> heartbeat(MetadataImage image,
                                                                   BrokerHeartbeatRequestData request) {
        BrokerHeartbeatResponseData response = new BrokerHeartbeatResponseData();
        Optional<BrokerRegistration> found = image.brokers().get(request.brokerId());
        if (found.isEmpty()) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.BROKER_ID_NOT_REGISTERED.code())
                .setIsFenced(true));
        }
        BrokerRegistration broker = found.get();
        if (broker.epoch() != request.brokerEpoch()) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.STALE_BROKER_EPOCH.code())
                .setIsFenced(true));
        }
        boolean caughtUp = request.currentMetadataOffset() >= broker.epoch();
        response.setIsCaughtUp(caughtUp);
        List<MetadataRecord> records = new ArrayList<>();
        boolean fenced = broker.fenced();
        boolean shouldShutDown = false;
        if (request.wantShutDown()) {
            if (!fenced) {
                records.addAll(controlledShutdown(image, broker));
                shouldShutDown = !BrokerPartitionChanges.leadsAnything(PartitionElection.applied(image, records),
                    broker.id());
                if (shouldShutDown) {
                    records.add(new BrokerStateRecord(broker.id(), broker.epoch(), true, true));
                    fenced = true;
                }
            } else {
                shouldShutDown = true;
            }
        } else if (request.wantFence()) {
            if (!fenced) {
                records.addAll(fence(image, broker.id()));
                fenced = true;
            }
        } else if (fenced && caughtUp && !broker.inControlledShutdown()) {
            records.addAll(unfence(image, broker));
            fenced = false;
        }
        return new ControllerResult<>(records, response.setIsFenced(fenced).setShouldShutDown(shouldShutDown));
    }

    /**
     * Fences a broker another node found dead (its process no longer accepts or answers connections) before its
     * session ran out. Only the registration that was probed is fenced: a broker that registered again since
     * (a restart) is left alone, as is one already fenced.
     */
    public ControllerResult<Boolean> fenceUnreachable(MetadataImage image, int brokerId, long brokerEpoch) {
        Optional<BrokerRegistration> found = image.brokers().get(brokerId);
        if (found.isEmpty() || found.get().epoch() != brokerEpoch || found.get().fenced()) {
            return new ControllerResult<>(List.of(), false);
        }
        return new ControllerResult<>(fence(image, brokerId), true);
    }

    /**
     * UnregisterBroker: the broker is fenced (out of the ISRs unless last, its leadership moved) and its
     * registration removed, as Kafka does for a decommissioned broker. A live broker that is unregistered registers
     * again at its next heartbeat.
     */
    public ControllerResult<Errors> unregister(MetadataImage image, int brokerId) {
        Optional<BrokerRegistration> found = image.brokers().get(brokerId);
        if (found.isEmpty()) {
            return new ControllerResult<>(List.of(), Errors.BROKER_ID_NOT_REGISTERED);
        }
        List<MetadataRecord> records = new ArrayList<>();
        if (!found.get().fenced()) {
            records.addAll(fence(image, brokerId));
        }
        records.add(new UnregisterBrokerRecord(brokerId, found.get().epoch()));
        return new ControllerResult<>(records, Errors.NONE);
    }

    /** Fences the broker's current registration: out of ISRs (unless last), leadership moved. */
    public List<MetadataRecord> fence(MetadataImage image, int brokerId) {
        BrokerRegistration broker = image.brokers().get(brokerId).orElseThrow();
        List<MetadataRecord> records = new ArrayList<>();
        records.add(new BrokerStateRecord(brokerId, broker.epoch(), true, broker.inControlledShutdown()));
        records.addAll(partitionChanges.removeBroker(PartitionElection.applied(image, records), brokerId));
        return records;
    }

    private List<MetadataRecord> unfence(MetadataImage image, BrokerRegistration broker) {
        List<MetadataRecord> records = new ArrayList<>();
        records.add(new BrokerStateRecord(broker.id(), broker.epoch(), false, false));
        records.addAll(partitionChanges.electLeaderless(PartitionElection.applied(image, records), broker.id()));
        return records;
    }

    /**
     * Moves leadership away and leaves the ISRs (not as last member). Election never picks a broker in
     * controlled shutdown; once it leads nothing it is fenced and told it may shut down.
     */
    private List<MetadataRecord> controlledShutdown(MetadataImage image, BrokerRegistration broker) {
        List<MetadataRecord> records = new ArrayList<>();
        records.add(new BrokerStateRecord(broker.id(), broker.epoch(), false, true));
        MetadataImage shuttingDown = PartitionElection.applied(image, records);
        records.addAll(partitionChanges.removeBroker(shuttingDown, broker.id()));
        return records;
    }
}
