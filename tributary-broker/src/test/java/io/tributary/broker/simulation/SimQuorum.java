package io.tributary.broker.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.NotControllerException;

import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.QuorumInfo;
import io.tributary.metadata.record.LeaderChangeRecord;
import io.tributary.metadata.record.MetadataRecord;

/**
 * The Raft metadata quorum, modelled (Apache Ratis is not in the simulation): one committed log
 * ({@link CommittedLog}), a leader among the live voters, a new term and leader chosen at random among the live
 * voters an election timeout (randomized between {@code controller.quorum.election.timeout.ms} and twice it, as
 * Ratis does) after the leader dies, if a majority is up. A batch the leader appends is committed at once (no
 * Raft round trip in simulated time) and the leader's own controller sees it before the append completes; the
 * other voters and the brokers receive it over the simulated network, in order, with a catch-up push every
 * {@link #CATCH_UP_MS} for what was lost (Raft's heartbeats, the brokers' metadata fetches). Raft's guarantee that
 * a new leader holds every committed entry is assumed: its controller gets what it lacks before it appends.
 */
final class SimQuorum {

    static final long CATCH_UP_MS = 500;

    /** A node following the committed log: delivers batches up to an index, in order, idempotently. */
    interface Follower {
        int nodeId();

        void deliverUpTo(int index);
    }

    private final EventLoop loop;
    private final SimNetwork network;
    private final Random random;
    private final CommittedLog committed;
    private final List<Integer> voters;
    private final long electionTimeoutMs;
    private final Consumer<String> violations;
    private final Map<Integer, VoterLog> logs = new HashMap<>();
    private final Map<Integer, Follower> brokers = new HashMap<>();
    private int leader = -1;
    private int term;
    private boolean electionPending;

    SimQuorum(EventLoop loop, SimNetwork network, Random random, CommittedLog committed, List<Integer> voters,
              long electionTimeoutMs, Consumer<String> violations) {
        this.violations = violations;
        this.loop = loop;
        this.network = network;
        this.random = random;
        this.committed = committed;
        this.voters = List.copyOf(voters);
        this.electionTimeoutMs = electionTimeoutMs;
        loop.schedule(CATCH_UP_MS, this::catchUpTick);
    }

    int leader() {
        return leader;
    }

    int term() {
        return term;
    }

    List<Integer> voters() {
        return voters;
    }

    void addBroker(Follower broker) {
        brokers.put(broker.nodeId(), broker);
    }

    /** The metadata log of voter {@code nodeId}'s new process (its Raft log is durable: nothing is lost). */
    MetadataLog openLog(int nodeId) {
        VoterLog log = new VoterLog(nodeId);
        logs.put(nodeId, log);
        scheduleElectionIfNeeded();
        return log;
    }

    void voterCrashed(int nodeId) {
        logs.remove(nodeId);
        if (leader == nodeId) {
            leader = -1;
        }
        scheduleElectionIfNeeded();
    }

    private boolean majorityUp() {
        return logs.size() * 2 > voters.size();
    }

    private void scheduleElectionIfNeeded() {
        if (leader != -1 || electionPending || !majorityUp()) {
            return;
        }
        electionPending = true;
        long timeout = electionTimeoutMs + (long) (random.nextDouble() * electionTimeoutMs);
        loop.schedule(timeout, this::elect);
    }

    private void elect() {
        electionPending = false;
        if (leader != -1 || !majorityUp()) {
            return;
        }
        List<Integer> candidates = new ArrayList<>(logs.keySet());
        candidates.sort(null);
        leader = candidates.get(random.nextInt(candidates.size()));
        term++;
    }

    private int commit(List<MetadataRecord> records) {
        int index = committed.commit(records, loop.now());
        pushTo(index);
        return index;
    }

    /** The leader sends everything up to {@code index} to every other voter and every broker. */
    private void pushTo(int index) {
        if (leader == -1) {
            return;
        }
        for (VoterLog log : logs.values()) {
            if (log.nodeId != leader) {
                network.send(leader, log.nodeId, () -> log.deliverUpTo(index));
            }
        }
        for (Follower broker : brokers.values()) {
            network.send(leader, broker.nodeId(), () -> broker.deliverUpTo(index));
        }
    }

    private void catchUpTick() {
        if (committed.size() > 0) {
            pushTo(committed.size() - 1);
        }
        loop.schedule(CATCH_UP_MS, this::catchUpTick);
    }

    /** One voter's view of the log: what its controller has been handed, and whether it may append. */
    private final class VoterLog implements MetadataLog {

        private final int nodeId;
        private Consumer<MetadataBatch> consumer;
        private int delivered = -1;

        VoterLog(int nodeId) {
            this.nodeId = nodeId;
        }

        private boolean current() {
            return logs.get(nodeId) == this;
        }

        void deliverUpTo(int index) {
            if (consumer == null || !current()) {
                return;
            }
            while (delivered < index) {
                delivered++;
                consumer.accept(committed.batch(delivered));
            }
        }

        @Override
        public void start(Consumer<MetadataBatch> committedBatches) {
            this.consumer = committedBatches;
            deliverUpTo(committed.size() - 1);
        }

        @Override
        public CompletionStage<Long> append(List<MetadataRecord> records) {
            if (!current() || leader != nodeId) {
                return CompletableFuture.failedFuture(new NotControllerException("Node " + nodeId
                    + " is not the quorum leader"));
            }
            boolean activation = records.size() == 1 && records.get(0) instanceof LeaderChangeRecord;
            if (delivered < committed.size() - 1 && !activation) {
                violations.accept("controller " + nodeId + " wrote " + records.size() + " record(s) from an image "
                    + "missing committed batches (it had " + (delivered + 1) + " of " + committed.size() + ")");
            }
            deliverUpTo(committed.size() - 1);
            int index = commit(records);
            deliverUpTo(index);
            return CompletableFuture.completedFuture(committed.batch(index).lastOffset());
        }

        @Override
        public int writerEpoch() {
            return current() && leader == nodeId ? term : NOT_WRITER;
        }

        @Override
        public OptionalInt leaderId() {
            return leader == -1 ? OptionalInt.empty() : OptionalInt.of(leader);
        }

        @Override
        public QuorumInfo describe() {
            List<QuorumInfo.Voter> states = new ArrayList<>();
            for (int voter : voters) {
                VoterLog log = logs.get(voter);
                long end = log == null || log.delivered < 0 ? -1 : committed.batch(log.delivered).lastOffset() + 1;
                states.add(new QuorumInfo.Voter(voter, end, loop.now(), loop.now(), List.of()));
            }
            return new QuorumInfo(leader, term, committed.endOffset(), states);
        }

        @Override
        public void close() {
        }
    }
}
