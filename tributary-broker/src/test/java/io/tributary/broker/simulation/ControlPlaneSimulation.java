package io.tributary.broker.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.LeaderChangeRecord;

/**
 * One seeded run of the control plane: three controller voters (the real {@link io.tributary.metadata.MetadataController}
 * over the modelled quorum), N brokers (the real {@code BrokerLifecycle}), topics created through the controller,
 * then a seeded fault schedule (broker crashes found by the liveness probe or only by session expiry, active and
 * standby controller crashes, windows of message loss and delay spikes), then healing. Invariants are checked on
 * every committed batch and at the end; measurements are in simulated time. Same seed, same run.
 */
final class ControlPlaneSimulation {

    static final int FIRST_VOTER = 1000;
    static final int ADMIN = 2000;
    static final long SESSION_TIMEOUT_MS = 9000;
    static final long HEARTBEAT_INTERVAL_MS = 2000;
    static final long ELECTION_TIMEOUT_MS = 1000;
    static final long CATCH_UP_MS = 1000;
    static final long PROBE_DETECTION_MS = 5;

    /**
     * @param meanFaultIntervalMs mean time between faults (exponential)
     * @param maxLoss             highest message loss rate of a degraded-network window
     */
    record Config(long seed, int brokers, int partitions, int partitionsPerTopic, long faultPhaseMs,
                  long meanFaultIntervalMs, double maxLoss) {

        /** The CI size: 20 brokers, 2,000 partitions, two minutes of faults. */
        static Config small(long seed) {
            return new Config(seed, 20, 2_000, 50, 120_000, 4_000, 0.10);
        }

        /** The size: 100 brokers, 100,000 partitions (1,000 topics of 100), RF 3. */
        static Config scale(long seed) {
            return new Config(seed, 100, 100_000, 100, 120_000, 8_000, 0.05);
        }
    }

    private final Config config;
    private final Random random;
    private final EventLoop loop = new EventLoop();
    private final SimNetwork network;
    private final CommittedLog committed;
    private final Invariants invariants = new Invariants();
    private final UnderReplicatedIndex underReplicated = new UnderReplicatedIndex();
    private final Measurements measurements;
    private final CpuTimes cpu = new CpuTimes();
    private final SimQuorum quorum;
    private final List<SimControllerNode> controllers = new ArrayList<>();
    private final List<SimBroker> brokers = new ArrayList<>();
    private final Map<String, Integer> faultCounts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    // Brokers whose process died and is still down: a probe finds their port refused.
    private final Set<Integer> refusingBrokers = new TreeSet<>();
    private final String clusterId;
    private final ControllerRouter router;

    ControlPlaneSimulation(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        this.clusterId = "sim-cluster-" + config.seed();
        this.network = new SimNetwork(loop, new Random(random.nextLong()), 1, 2);
        this.committed = new CommittedLog(clusterId);
        this.measurements = new Measurements(loop, committed, config.brokers(), id -> brokers.get(id).isUp());
        committed.addObserver(invariants);
        committed.addObserver(underReplicated);
        committed.addObserver(measurements);
        committed.addObserver((index, batch, delta, after) -> {
            // A new active controller probes every broker at once (BrokerLivenessWatch).
            if (batch.records().get(0) instanceof LeaderChangeRecord) {
                refusingBrokers.forEach(id -> loop.schedule(PROBE_DETECTION_MS, () -> probeFence(id)));
            }
        });
        List<Integer> voterIds = List.of(FIRST_VOTER, FIRST_VOTER + 1, FIRST_VOTER + 2);
        this.quorum = new SimQuorum(loop, network, new Random(random.nextLong()), committed, voterIds,
            ELECTION_TIMEOUT_MS, invariants::violation);
        Map<String, String> staticConfig = Map.of(
            "broker.session.timeout.ms", Long.toString(SESSION_TIMEOUT_MS),
            "broker.heartbeat.interval.ms", Long.toString(HEARTBEAT_INTERVAL_MS),
            "default.replication.factor", "3",
            "min.insync.replicas", "2");
        for (int voter : voterIds) {
            controllers.add(new SimControllerNode(voter, clusterId, staticConfig, loop, network, quorum, cpu));
        }
        this.router = new ControllerRouter() {
            @Override
            public int activeControllerNode() {
                return quorum.leader();
            }

            @Override
            public CompletionStage<AbstractResponse> handle(int nodeId, AbstractRequest request) {
                return controller(nodeId).handle(request);
            }
        };
        for (int id = 0; id < config.brokers(); id++) {
            SimBroker broker = new SimBroker(id, clusterId, loop, network, committed, underReplicated, router,
                measurements, HEARTBEAT_INTERVAL_MS, CATCH_UP_MS);
            brokers.add(broker);
            quorum.addBroker(broker);
        }
    }

    private SimControllerNode controller(int nodeId) {
        return controllers.get(nodeId - FIRST_VOTER);
    }

    /** Runs the whole scenario; the result holds the measurements, the faults and any violated invariant. */
    SimulationResult run() {
        long startNs = System.nanoTime();
        network.start(ADMIN);
        releaseImagesEverySecond();
        controllers.forEach(SimControllerNode::start);
        for (SimBroker broker : brokers) {
            loop.schedule(random.nextInt(1000), broker::start);
        }
        if (!loop.runUntil(this::allBrokersUnfenced, 60_000)) {
            problems.add("the brokers were not all unfenced 60 s after start");
        }
        long createNs = System.nanoTime();
        createTopics();
        long createdNs = System.nanoTime();
        loop.runUntil(loop.now() + 5_000);
        long faultPhaseEnd = loop.now() + config.faultPhaseMs();
        scheduleNextFault(faultPhaseEnd);
        loop.runUntil(faultPhaseEnd);
        long healStart = loop.now();
        heal();
        boolean recovered = loop.runUntil(this::quiescent, healStart + 120_000);
        if (!recovered) {
            problems.add("not recovered 120 s after the faults stopped: " + whyNotQuiescent());
        }
        long recoveredAt = loop.now();
        finalChecks();
        return new SimulationResult(config, loop.now(), recoveredAt - healStart, committed.size(),
            committed.endOffset(), loop.executed(), network.sent(), network.lost(), faultCounts,
            measurements, cpu, invariants, problems, (createdNs - createNs) / 1e6,
            (System.nanoTime() - startNs) / 1e6, committed.latest());
    }

    private boolean allBrokersUnfenced() {
        MetadataImage image = committed.latest();
        if (image.brokers().asMap().size() < config.brokers()) {
            return false;
        }
        return image.brokers().all().stream().allMatch(BrokerRegistration::isActive);
    }

    private void createTopics() {
        int topics = config.partitions() / config.partitionsPerTopic();
        int perRequest = 50;
        SimControllerChannel admin = new SimControllerChannel(ADMIN, loop, network, router);
        for (int first = 0; first < topics; first += perRequest) {
            CreateTopicsRequestData data = new CreateTopicsRequestData().setTimeoutMs(30_000);
            for (int t = first; t < Math.min(topics, first + perRequest); t++) {
                data.topics().add(new CreatableTopic().setName(String.format("topic-%05d", t))
                    .setNumPartitions(config.partitionsPerTopic()).setReplicationFactor((short) 3));
            }
            CreateTopicsRequest request = new CreateTopicsRequest.Builder(data)
                .build(ApiKeys.CREATE_TOPICS.latestVersion());
            for (boolean retried = false; ; retried = true) {
                CompletableFuture<AbstractResponse> response = admin.send(request, 30_000);
                loop.runUntil(response::isDone, loop.now() + 60_000);
                if (!response.isCompletedExceptionally() && response.isDone()) {
                    CreateTopicsResponseData result = ((CreateTopicsResponse) response.join()).data();
                    for (var topic : result.topics()) {
                        // A retried request may find its topics made by the attempt whose answer was lost.
                        boolean madeEarlier = retried && topic.errorCode() == Errors.TOPIC_ALREADY_EXISTS.code();
                        if (topic.errorCode() != Errors.NONE.code() && !madeEarlier) {
                            throw new IllegalStateException("Creating " + topic.name() + " failed: "
                                + Errors.forCode(topic.errorCode()) + " " + topic.errorMessage());
                        }
                    }
                    break;
                }
                loop.runUntil(loop.now() + 500);
            }
        }
    }

    // ---- faults

    private void scheduleNextFault(long endMs) {
        long delay = (long) (-Math.log(1 - random.nextDouble()) * config.meanFaultIntervalMs());
        if (loop.now() + delay >= endMs) {
            return;
        }
        loop.schedule(delay, () -> {
            injectFault();
            scheduleNextFault(endMs);
        });
    }

    private void injectFault() {
        double roll = random.nextDouble();
        if (roll < 0.30) {
            crashBroker(true);
        } else if (roll < 0.50) {
            crashBroker(false);
        } else if (roll < 0.65) {
            crashVoter(true);
        } else if (roll < 0.75) {
            crashVoter(false);
        } else {
            degradeNetwork();
        }
    }

    private void count(String fault) {
        faultCounts.merge(fault, 1, Integer::sum);
    }

    /**
     * A broker dies. Process crash: its connections close and its port refuses, so the active controller's
     * liveness probe fences it at once. Machine loss (power, partition): probes get no answer, the session expires.
     */
    private void crashBroker(boolean processCrash) {
        long down = brokers.stream().filter(b -> !b.isUp()).count();
        if (down >= 2) {
            return;
        }
        List<SimBroker> up = brokers.stream().filter(SimBroker::isUp).toList();
        SimBroker victim = up.get(random.nextInt(up.size()));
        String kind = processCrash ? "broker process crash (probe)" : "broker machine loss (session expiry)";
        count(kind);
        measurements.brokerFailed(victim.nodeId(), kind);
        measurements.brokerDown(victim.nodeId());
        victim.crash();
        if (processCrash) {
            refusingBrokers.add(victim.nodeId());
            loop.schedule(PROBE_DETECTION_MS, () -> probeFence(victim.nodeId()));
        }
        long downFor = 3_000 + random.nextInt(17_000);
        loop.schedule(downFor, () -> startBroker(victim));
    }

    private void startBroker(SimBroker broker) {
        refusingBrokers.remove(broker.nodeId());
        broker.start();
    }

    /** Tributary's BrokerLivenessWatch on the active controller: a refused connection fences the registration. */
    private void probeFence(int brokerId) {
        int active = quorum.leader();
        if (active == -1 || !controller(active).isUp()) {
            return;
        }
        var controller = controller(active).controller();
        controller.image().brokers().get(brokerId).filter(b -> !b.fenced()).ifPresent(b -> {
            long startNs = System.nanoTime();
            controller.fenceUnreachableBroker(brokerId, b.epoch());
            cpu.record("fence (liveness probe)", System.nanoTime() - startNs);
        });
    }

    private void crashVoter(boolean active) {
        if (controllers.stream().anyMatch(c -> !c.isUp())) {
            return;
        }
        int leader = quorum.leader();
        SimControllerNode victim;
        if (active) {
            if (leader == -1) {
                return;
            }
            victim = controller(leader);
            measurements.activeControllerCrashed();
            count("active controller crash");
        } else {
            List<SimControllerNode> standbys = controllers.stream().filter(c -> c.id() != leader).toList();
            victim = standbys.get(random.nextInt(standbys.size()));
            count("standby controller crash");
        }
        victim.crash();
        loop.schedule(5_000 + random.nextInt(10_000), victim::start);
    }

    /** Loss and delay spikes for 5-15 s: on every link, or on one broker's links with the voters (a flaky NIC). */
    private void degradeNetwork() {
        SimNetwork.LinkFaults faults = new SimNetwork.LinkFaults(random.nextDouble() * config.maxLoss(), 0.05, 300);
        long windowMs = 5_000 + random.nextInt(10_000);
        if (random.nextBoolean()) {
            count("network degradation window (all links)");
            network.setDefaultFaults(faults);
            loop.schedule(windowMs, () -> network.setDefaultFaults(SimNetwork.LinkFaults.NONE));
        } else {
            count("network degradation window (one broker's links)");
            int broker = random.nextInt(config.brokers());
            for (SimControllerNode voter : controllers) {
                network.setLinkFaults(broker, voter.id(), faults);
                network.setLinkFaults(voter.id(), broker, faults);
            }
            loop.schedule(windowMs, () -> controllers.forEach(voter -> {
                network.clearLinkFaults(broker, voter.id());
                network.clearLinkFaults(voter.id(), broker);
            }));
        }
    }

    private void heal() {
        network.setDefaultFaults(SimNetwork.LinkFaults.NONE);
        network.clearAllLinkFaults();
        for (SimControllerNode c : controllers) {
            if (!c.isUp()) {
                c.start();
            }
        }
        for (SimBroker b : brokers) {
            if (!b.isUp()) {
                startBroker(b);
            }
        }
    }

    // ---- the end

    private boolean quiescent() {
        return whyNotQuiescent() == null;
    }

    private String whyNotQuiescent() {
        if (!allBrokersUnfenced()) {
            return "fenced brokers";
        }
        MetadataImage registered = committed.latest();
        for (SimBroker b : brokers) {
            // The registration in the image must be the running process's, not one from before a crash.
            long epoch = registered.brokers().get(b.nodeId()).map(BrokerRegistration::epoch).orElse(-2L);
            if (b.registeredEpoch() != epoch) {
                return "broker " + b.nodeId() + "'s current process is not registered yet";
            }
        }
        int last = committed.size() - 1;
        for (SimBroker b : brokers) {
            if (b.appliedIndex() < last) {
                return "broker " + b.nodeId() + " at batch " + b.appliedIndex() + " of " + last;
            }
        }
        MetadataImage image = committed.latest();
        for (TopicImage topic : image.topics().all()) {
            for (PartitionRegistration p : topic.partitions().values()) {
                if (!p.hasLeader() || p.isr().length < p.replicas().length) {
                    return "under-replicated " + topic.name() + " " + p;
                }
            }
        }
        return null;
    }

    private boolean everyoneAtTheEnd() {
        long end = committed.latest().offset();
        return controllers.stream().allMatch(c -> c.controller().image().offset() == end)
            && brokers.stream().allMatch(b -> b.appliedIndex() == committed.size() - 1);
    }

    private void finalChecks() {
        MetadataImage latest = committed.latest();
        invariants.checkWholeImage("final", latest);
        // Let every voter and broker catch up (a catch-up push is at most 500 ms away), then compare.
        if (!loop.runUntil(this::everyoneAtTheEnd, loop.now() + 10 * SimQuorum.CATCH_UP_MS)) {
            problems.add("not every node reached the end of the committed log");
        }
        latest = committed.latest();
        for (SimControllerNode c : controllers) {
            invariants.checkSameAsCommitted("controller " + c.id(), c.controller().image(), latest);
        }
        for (SimBroker b : brokers) {
            invariants.checkSameAsCommitted("broker " + b.nodeId(), b.image(), latest);
        }
        for (Measurements.BrokerFailure f : measurements.failures()) {
            if (f.movedAtMs < 0) {
                PartitionKey first = f.led.iterator().next();
                problems.add("the " + f.led.size() + " partitions led by broker " + f.brokerId + " (" + f.kind
                    + " at " + f.failedAtMs + " ms) never all got another leader; e.g. "
                    + latest.topics().get(first.topicId()).flatMap(t -> t.partition(first.partition()))
                    + ", the broker now " + latest.brokers().get(f.brokerId));
            }
        }
    }

    /** The shared images no live broker needs any more are dropped (memory stays that of a few images). */
    private void releaseImagesEverySecond() {
        committed.releaseImagesBelow(measurements.lowestPendingIndex());
        loop.schedule(1_000, this::releaseImagesEverySecond);
    }
}
