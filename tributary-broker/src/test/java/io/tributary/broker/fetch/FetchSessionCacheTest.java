package io.tributary.broker.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FetchResponseData.PartitionData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.junit.jupiter.api.Test;

class FetchSessionCacheTest {

    private static final short VERSION = 12;
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);

    private final FetchSessionCache cache = new FetchSessionCache(10);

    @Test
    void sessionlessFetchListsEveryPartitionAndCreatesNoSession() throws Exception {
        // given
        FetchRequest request = request(FetchMetadata.LEGACY, Map.of(A0, data(5)), List.of());

        // when
        FetchContext context = cache.resolve(request, Map.of(), false);
        FetchResponseData response = context.buildResponse(reads(context, 0));

        // then
        assertThat(response.sessionId()).isZero();
        assertThat(cache.size()).isZero();
        assertThat(response.responses()).hasSize(1);
    }

    @Test
    void incrementalFetchReturnsOnlyChangedPartitions() throws Exception {
        // given a new session over two partitions
        Map<TopicPartition, FetchRequest.PartitionData> both = new LinkedHashMap<>();
        both.put(A0, data(0));
        both.put(A1, data(0));
        FetchContext full = cache.resolve(request(FetchMetadata.INITIAL, both, List.of()), Map.of(), false);
        int sessionId = full.buildResponse(reads(full, 0)).sessionId();
        assertThat(sessionId).isPositive();

        // when the next fetch is incremental, and only partition 1's high watermark moved
        FetchContext next = cache.resolve(request(new FetchMetadata(sessionId, 1), Map.of(), List.of()),
                Map.of(), false);
        List<PartitionRead> reads = List.of(read(next.targets().get(0), 0), read(next.targets().get(1), 7));
        FetchResponseData response = next.buildResponse(reads);

        // then
        assertThat(next.targets()).hasSize(2);
        assertThat(response.responses()).singleElement()
                .satisfies(t -> assertThat(t.partitions()).extracting(PartitionData::partitionIndex).containsExactly(1));
    }

    @Test
    void wrongEpochAndUnknownSessionAreRefused() throws Exception {
        // given
        FetchContext full = cache.resolve(request(FetchMetadata.INITIAL, Map.of(A0, data(0)), List.of()), Map.of(),
                false);
        int sessionId = full.buildResponse(reads(full, 0)).sessionId();

        // when / then
        assertThatThrownBy(() -> cache.resolve(request(new FetchMetadata(sessionId, 5), Map.of(), List.of()),
                Map.of(), false))
                .isInstanceOfSatisfying(FetchSessionCache.SessionError.class,
                        e -> assertThat(e.error).isEqualTo(Errors.INVALID_FETCH_SESSION_EPOCH));
        assertThatThrownBy(() -> cache.resolve(request(new FetchMetadata(sessionId + 1, 1), Map.of(), List.of()),
                Map.of(), false))
                .isInstanceOfSatisfying(FetchSessionCache.SessionError.class,
                        e -> assertThat(e.error).isEqualTo(Errors.FETCH_SESSION_ID_NOT_FOUND));
    }

    @Test
    void forgottenPartitionsLeaveTheSession() throws Exception {
        // given
        Map<TopicPartition, FetchRequest.PartitionData> both = new LinkedHashMap<>();
        both.put(A0, data(0));
        both.put(A1, data(0));
        FetchContext full = cache.resolve(request(FetchMetadata.INITIAL, both, List.of()), Map.of(), false);
        int sessionId = full.buildResponse(reads(full, 0)).sessionId();

        // when
        FetchContext next = cache.resolve(request(new FetchMetadata(sessionId, 1), Map.of(),
                List.of(new TopicIdPartition(Uuid.ZERO_UUID, A0))), Map.of(), false);

        // then
        assertThat(next.targets()).extracting(t -> t.partition().topicPartition()).containsExactly(A1);
    }

    private static FetchRequest request(FetchMetadata metadata, Map<TopicPartition, FetchRequest.PartitionData> data,
                                        List<TopicIdPartition> removed) {
        return FetchRequest.Builder.forConsumer(VERSION, 100, 1, data)
                .metadata(metadata)
                .removed(removed)
                .build(VERSION);
    }

    private static FetchRequest.PartitionData data(long offset) {
        return new FetchRequest.PartitionData(Uuid.ZERO_UUID, offset, -1, 1024, Optional.empty());
    }

    private static List<PartitionRead> reads(FetchContext context, long highWatermark) {
        return context.targets().stream().map(t -> read(t, highWatermark)).toList();
    }

    private static PartitionRead read(FetchTarget target, long highWatermark) {
        return new PartitionRead(target, new PartitionData()
                .setPartitionIndex(target.partition().partition())
                .setHighWatermark(highWatermark)
                .setLastStableOffset(highWatermark)
                .setLogStartOffset(0), 0);
    }
}
