package io.tributary.coordinator.group;

import static io.tributary.coordinator.group.GroupCoordinatorTestContext.context;
import static io.tributary.coordinator.group.GroupCoordinatorTestContext.partition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

class TxnOffsetCommitTest {

    private static final long PRODUCER = 7L;
    private static final long OTHER_PRODUCER = 8L;

    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().topic("orders", 3).build();

    @Test
    void transactionalOffsetIsInvisibleUntilTheTransactionCommits() {
        // given
        assertThat(errorOf(txnCommit("g", PRODUCER, 0, 10L))).isEqualTo(Errors.NONE);

        // when
        OffsetFetchResponseData.OffsetFetchResponseGroup beforeCommit = ctx.fetch("g", "orders", 0);
        OffsetFetchResponseData.OffsetFetchResponseGroup stableBeforeCommit = fetchStable("g");
        completeTransaction("g", PRODUCER, true);
        OffsetFetchResponseData.OffsetFetchResponseGroup afterCommit = fetchStable("g");

        // then
        assertThat(partition(beforeCommit, 0).committedOffset()).isEqualTo(-1L);
        assertThat(partition(stableBeforeCommit, 0).errorCode()).isEqualTo(Errors.UNSTABLE_OFFSET_COMMIT.code());
        assertThat(partition(afterCommit, 0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(partition(afterCommit, 0).committedOffset()).isEqualTo(10L);
    }

    @Test
    void abortedTransactionalOffsetIsDropped() {
        // given
        ctx.simpleCommit("g", "orders", 0, 5L);
        txnCommit("g", PRODUCER, 0, 10L);

        // when
        completeTransaction("g", PRODUCER, false);

        // then
        OffsetFetchResponseData.OffsetFetchResponseGroup fetched = fetchStable("g");
        assertThat(partition(fetched, 0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(partition(fetched, 0).committedOffset()).isEqualTo(5L);
    }

    @Test
    void offsetsAreWrittenAsTransactionalBatchesWithIncreasingSequences() {
        // when
        txnCommit("g", PRODUCER, 0, 10L);
        txnCommit("g", PRODUCER, 0, 11L);

        // then
        List<RecordBatch> batches = new ArrayList<>();
        ctx.logOf("g").read(0, Integer.MAX_VALUE).batches().forEach(batches::add);
        assertThat(batches).allSatisfy(batch -> {
            assertThat(batch.isTransactional()).isTrue();
            assertThat(batch.producerId()).isEqualTo(PRODUCER);
        });
        assertThat(batches).extracting(RecordBatch::baseSequence).containsExactly(0, 1);
    }

    @Test
    void stateAfterARestartHonoursTheMarkersInTheLog() {
        // given
        txnCommit("g", PRODUCER, 0, 10L);
        completeTransaction("g", PRODUCER, true);
        txnCommit("g", OTHER_PRODUCER, 0, 20L);

        // when
        ctx.restart();

        // then
        OffsetFetchResponseData.OffsetFetchResponseGroup fetched = ctx.fetch("g", "orders", 0);
        assertThat(partition(fetched, 0).committedOffset()).isEqualTo(10L);
        assertThat(partition(fetchStable("g"), 0).errorCode()).isEqualTo(Errors.UNSTABLE_OFFSET_COMMIT.code());
        completeTransaction("g", OTHER_PRODUCER, true);
        assertThat(partition(fetchStable("g"), 0).committedOffset()).isEqualTo(20L);
        assertThat(errorOf(txnCommit("g", OTHER_PRODUCER, 0, 21L))).isEqualTo(Errors.NONE);
    }

    @Test
    void memberOfAGroupThatDoesNotExistGetsIllegalGeneration() {
        // when
        TxnOffsetCommitResponseData response = ctx.service.txnOffsetCommit(context((short) 3), request("g", PRODUCER,
                10L).setMemberId("member").setGenerationId(4)).join();

        // then
        assertThat(errorOf(response)).isEqualTo(Errors.ILLEGAL_GENERATION);
    }

    private TxnOffsetCommitResponseData txnCommit(String groupId, long producerId, int epoch, long offset) {
        return ctx.service.txnOffsetCommit(context((short) 3),
                request(groupId, producerId, offset).setProducerEpoch((short) epoch)).join();
    }

    private static TxnOffsetCommitRequestData request(String groupId, long producerId, long offset) {
        return new TxnOffsetCommitRequestData().setTransactionalId("tx").setGroupId(groupId)
                .setProducerId(producerId).setProducerEpoch((short) 0).setGenerationId(-1).setMemberId("")
                .setTopics(List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestTopic().setName("orders")
                        .setPartitions(List.of(new TxnOffsetCommitRequestData.TxnOffsetCommitRequestPartition()
                                .setPartitionIndex(0).setCommittedOffset(offset).setCommittedLeaderEpoch(1)
                                .setCommittedMetadata("m")))));
    }

    /** What the broker does: writes the marker to the offsets partition, then tells the coordinator. */
    private void completeTransaction(String groupId, long producerId, boolean commit) {
        ControlRecordType type = commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
        ctx.logOf(groupId).append(MemoryRecords.withEndTransactionMarker(producerId, (short) 0,
                new EndTransactionMarker(type, 0)));
        ctx.service.onTransactionCompleted(ctx.service.partitionFor(groupId), producerId, commit);
    }

    private OffsetFetchResponseData.OffsetFetchResponseGroup fetchStable(String groupId) {
        return ctx.service.fetchOffsets(context((short) 9), new OffsetFetchRequestData.OffsetFetchRequestGroup()
                .setGroupId(groupId).setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopics()
                        .setName("orders").setPartitionIndexes(List.of(0)))), true).join();
    }

    private static Errors errorOf(TxnOffsetCommitResponseData response) {
        return Errors.forCode(response.topics().get(0).partitions().get(0).errorCode());
    }
}
