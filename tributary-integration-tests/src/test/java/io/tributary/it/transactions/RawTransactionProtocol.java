package io.tributary.it.transactions;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.TxnOffsetCommitRequest;
import org.apache.kafka.common.requests.TxnOffsetCommitResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.it.support.RawKafkaConnection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AddOffsetsToTxnRequest;
import org.apache.kafka.common.requests.AddOffsetsToTxnResponse;
import org.apache.kafka.common.requests.AddPartitionsToTxnRequest;
import org.apache.kafka.common.requests.AddPartitionsToTxnResponse;
import org.apache.kafka.common.requests.EndTxnRequest;
import org.apache.kafka.common.requests.EndTxnResponse;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;

/**
 * Transaction requests over a bare connection, at the versions a pre-KIP-890 client sends, so tests can send what the
 * Java producer never would (stale epochs, unknown ids, partitions of missing topics) and read the exact error code.
 */
final class RawTransactionProtocol implements AutoCloseable {

    /** Errors Kafka clients retry while a transaction coordinator is being created or loaded. */
    private static final Set<Errors> RETRIABLE = Set.of(Errors.COORDINATOR_NOT_AVAILABLE,
            Errors.COORDINATOR_LOAD_IN_PROGRESS, Errors.NOT_COORDINATOR, Errors.CONCURRENT_TRANSACTIONS);
    private static final Duration COORDINATOR_TIMEOUT = Duration.ofSeconds(15);

    record ProducerIdAndEpoch(long producerId, short epoch) {
    }

    private final RawKafkaConnection connection;
    private int correlationId;

    private RawTransactionProtocol(RawKafkaConnection connection) {
        this.connection = connection;
    }

    static RawTransactionProtocol open(int port) throws IOException {
        return new RawTransactionProtocol(RawKafkaConnection.open("localhost", port));
    }

    /** FindCoordinator(TRANSACTION) until the broker names a coordinator: the first call creates the state topic. */
    void awaitCoordinator(String transactionalId) {
        awaitCoordinator(CoordinatorType.TRANSACTION, transactionalId);
    }

    /** The same for any key type (GROUP: the first call creates {@code __consumer_offsets}). */
    void awaitCoordinator(CoordinatorType type, String key) {
        String transactionalId = key;
        var request = new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                .setKeyType(type.id())
                .setCoordinatorKeys(List.of(transactionalId))).build((short) 4);
        AtomicReference<FindCoordinatorResponse> answer = new AtomicReference<>();
        await(type + " coordinator for " + transactionalId).atMost(COORDINATOR_TIMEOUT)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    FindCoordinatorResponse response = roundTrip(request, ApiKeys.FIND_COORDINATOR, (short) 4);
                    answer.set(response);
                    return !RETRIABLE.contains(Errors.forCode(response.data().coordinators().get(0).errorCode()));
                });
        if (answer.get().data().coordinators().get(0).errorCode() != Errors.NONE.code()) {
            throw new AssertionError("FindCoordinator(" + type + ") for " + transactionalId + " failed: " + answer.get());
        }
    }

    /** InitProducerId with a transactional id (v4), retried while the coordinator is loading; bumps the epoch. */
    ProducerIdAndEpoch initProducerId(String transactionalId) {
        awaitCoordinator(transactionalId);
        var request = new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                .setTransactionalId(transactionalId)
                .setTransactionTimeoutMs(60_000)
                .setProducerId(-1)
                .setProducerEpoch((short) -1)).build((short) 4);
        AtomicReference<InitProducerIdResponse> answer = new AtomicReference<>();
        await("InitProducerId for " + transactionalId).atMost(COORDINATOR_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    InitProducerIdResponse response = roundTrip(request, ApiKeys.INIT_PRODUCER_ID, (short) 4);
                    answer.set(response);
                    return !RETRIABLE.contains(response.error());
                });
        InitProducerIdResponse response = answer.get();
        if (response.error() != Errors.NONE) {
            throw new AssertionError("InitProducerId for " + transactionalId + " failed: " + response);
        }
        return new ProducerIdAndEpoch(response.data().producerId(), response.data().producerEpoch());
    }

    /**
     * InitProducerId v3+ that resumes the given producer id and epoch (a client retrying after an error), at the
     * given version: the error only.
     */
    Errors resumeProducerId(short version, String transactionalId, ProducerIdAndEpoch producer) throws IOException {
        var request = new InitProducerIdRequest.Builder(new InitProducerIdRequestData()
                .setTransactionalId(transactionalId)
                .setTransactionTimeoutMs(60_000)
                .setProducerId(producer.producerId())
                .setProducerEpoch(producer.epoch())).build(version);
        InitProducerIdResponse response = roundTrip(request, ApiKeys.INIT_PRODUCER_ID, version);
        return response.error();
    }

    /** AddPartitionsToTxn v3 (one transaction per request, as clients send it): the error of each partition. */
    Map<TopicPartition, Errors> addPartitions(String transactionalId, ProducerIdAndEpoch producer,
                                              List<TopicPartition> partitions) throws IOException {
        return addPartitions((short) 3, transactionalId, producer, partitions);
    }

    /** The same at a chosen client version (v0-3). */
    Map<TopicPartition, Errors> addPartitions(short version, String transactionalId, ProducerIdAndEpoch producer,
                                              List<TopicPartition> partitions) throws IOException {
        var request = AddPartitionsToTxnRequest.Builder
                .forClient(transactionalId, producer.producerId(), producer.epoch(), partitions).build(version);
        AddPartitionsToTxnResponse response = roundTrip(request, ApiKeys.ADD_PARTITIONS_TO_TXN, version);
        return response.errors().get(AddPartitionsToTxnResponse.V3_AND_BELOW_TXN_ID);
    }

    /** AddOffsetsToTxn at the given version: the error. */
    Errors addOffsets(short version, String transactionalId, ProducerIdAndEpoch producer, String groupId)
            throws IOException {
        var request = new AddOffsetsToTxnRequest.Builder(new AddOffsetsToTxnRequestData()
                .setTransactionalId(transactionalId)
                .setProducerId(producer.producerId())
                .setProducerEpoch(producer.epoch())
                .setGroupId(groupId)).build(version);
        AddOffsetsToTxnResponse response = roundTrip(request, ApiKeys.ADD_OFFSETS_TO_TXN, version);
        return Errors.forCode(response.data().errorCode());
    }

    /**
     * TxnOffsetCommit of one offset at the given version (v0-5) for a simple group (no generation), sent to this
     * broker as the group's coordinator, retried while that coordinator is loading: the partition's error.
     */
    Errors txnOffsetCommit(short version, String transactionalId, ProducerIdAndEpoch producer, String groupId,
                           TopicPartition partition, long offset) {
        awaitCoordinator(CoordinatorType.GROUP, groupId);
        var request = new TxnOffsetCommitRequest.Builder(transactionalId, groupId, producer.producerId(),
                producer.epoch(), Map.of(partition, new TxnOffsetCommitRequest.CommittedOffset(offset, "",
                        java.util.Optional.empty())), version >= TRANSACTION_V2_TXN_OFFSET_COMMIT).build(version);
        AtomicReference<Errors> answer = new AtomicReference<>();
        await("TxnOffsetCommit v" + version).atMost(COORDINATOR_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    TxnOffsetCommitResponse response = roundTrip(request, ApiKeys.TXN_OFFSET_COMMIT, version);
                    answer.set(response.errors().get(partition));
                    return !Set.of(Errors.COORDINATOR_LOAD_IN_PROGRESS, Errors.NOT_COORDINATOR)
                            .contains(answer.get());
                });
        return answer.get();
    }

    private static final short TRANSACTION_V2_TXN_OFFSET_COMMIT = 5;

    /** EndTxn v4 (before KIP-890, so the coordinator does not bump the epoch on its own). */
    Errors endTransaction(String transactionalId, ProducerIdAndEpoch producer, boolean commit) throws IOException {
        return endTransaction((short) 4, transactionalId, producer, commit);
    }

    /** The same at a chosen version. */
    Errors endTransaction(short version, String transactionalId, ProducerIdAndEpoch producer, boolean commit)
            throws IOException {
        var request = new EndTxnRequest.Builder(new EndTxnRequestData()
                .setTransactionalId(transactionalId)
                .setProducerId(producer.producerId())
                .setProducerEpoch(producer.epoch())
                .setCommitted(commit), false).build(version);
        EndTxnResponse response = roundTrip(request, ApiKeys.END_TXN, version);
        return response.error();
    }

    /** EndTxn v5 (transaction version 2): the response, whose producer id and epoch the client continues with. */
    EndTxnResponseData endTransactionV2(String transactionalId, ProducerIdAndEpoch producer, boolean commit)
            throws IOException {
        var request = new EndTxnRequest.Builder(new EndTxnRequestData()
                .setTransactionalId(transactionalId)
                .setProducerId(producer.producerId())
                .setProducerEpoch(producer.epoch())
                .setCommitted(commit), true).build((short) 5);
        EndTxnResponse response = roundTrip(request, ApiKeys.END_TXN, (short) 5);
        return response.data();
    }

    /**
     * Produce (v3-12, acks=-1) of one transactional batch with the given first sequence: the partition's error.
     * Below v12 the partition must have been added by AddPartitionsToTxn; v12 asks the broker to add it.
     */
    Errors produceTransactional(short version, String transactionalId, ProducerIdAndEpoch producer,
                                TopicPartition partition, int baseSequence, String value) throws IOException {
        MemoryRecords records = MemoryRecords.withTransactionalRecords(Compression.NONE, producer.producerId(),
                producer.epoch(), baseSequence, new SimpleRecord(value.getBytes(StandardCharsets.UTF_8)));
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName(partition.topic())
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData()
                        .setIndex(partition.partition()).setRecords(records))));
        var request = ProduceRequest.builder(new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000)
                .setTransactionalId(transactionalId).setTopicData(topics)).build(version);
        ProduceResponse response = roundTrip(request, ApiKeys.PRODUCE, version);
        return Errors.forCode(response.data().responses().iterator().next().partitionResponses().get(0).errorCode());
    }

    private <R extends AbstractResponse> R roundTrip(AbstractRequest request, ApiKeys api, short version)
            throws IOException {
        return connection.roundTrip(request, RawKafkaConnection.header(api, version, ++correlationId));
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
