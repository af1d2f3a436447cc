package io.tributary.broker.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicationFixture;
import io.tributary.coordinator.share.DeliveryState;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.SharePartitionState;
import io.tributary.coordinator.share.ShareStatePersister;
import io.tributary.coordinator.share.StateBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.message.ShareFetchResponseData.AcquiredRecords;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The share-partition leader's state machine over a real partition log. */
class SharePartitionTest {

    private static final int LOCK_MS = 300;
    private static final SharePartitionKey KEY = new SharePartitionKey("g", ReplicationFixture.TOPIC_ID, 0);

    @TempDir
    Path dir;

    private ReplicationFixture fixture;
    private Partition partition;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final MemoryPersister persister = new MemoryPersister();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private ShareLimits limits = new ShareLimits(LOCK_MS, 5, 2000, 100);

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ReplicationFixture(dir);
        partition = fixture.partition(1);
        partition.makeLeader(ReplicationFixture.registration(1, 0, 0, new int[] {1}), 1, System.currentTimeMillis());
        partition.appendAsLeader(ReplicationFixture.records("a", "b", "c", "d", "e"), (short) 1).get();
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
        fixture.close();
    }

    @Test
    void recordsAreAcquiredOnceUntilReleased() {
        SharePartition share = loaded();
        SharePartition.Acquisition first = share.acquire("m1", 500, 1 << 20, false);
        assertThat(ranges(first)).containsExactly(range(0, 4, 1));
        assertThat(share.acquire("m2", 500, 1 << 20, false)).isNull();

        // m1 accepts 0-1, releases 2, rejects 3, keeps 4
        assertThat(share.acknowledge("m1", List.of(batch(0, 3, 1, 1, 2, 3))).join()).isEqualTo(Errors.NONE);
        assertThat(share.startOffset()).isEqualTo(2);
        assertThat(wakeUps.get()).isPositive();

        // m2 gets 2 again, as its second delivery
        assertThat(ranges(share.acquire("m2", 500, 1 << 20, false))).containsExactly(range(2, 2, 2));
        SharePartitionState written = persister.states.get(KEY);
        assertThat(written.startOffset()).isEqualTo(2);
        assertThat(written.batches()).contains(new StateBatch(3, 3, DeliveryState.ARCHIVED, (short) 1));
    }

    @Test
    void onlyTheHolderMayAcknowledgeAndOnlyOnce() {
        SharePartition share = loaded();
        share.acquire("m1", 500, 1 << 20, false);
        assertThat(share.acknowledge("m2", List.of(batch(0, 0, 1))).join()).isEqualTo(Errors.INVALID_RECORD_STATE);
        assertThat(share.acknowledge("m1", List.of(batch(0, 0, 1))).join()).isEqualTo(Errors.NONE);
        assertThat(share.acknowledge("m1", List.of(batch(0, 0, 1))).join()).isEqualTo(Errors.INVALID_RECORD_STATE);
        assertThat(share.acknowledge("m1", List.of(batch(9, 9, 1))).join()).isEqualTo(Errors.INVALID_RECORD_STATE);
    }

    @Test
    void aRecordReleasedAtEachDeliveryIsArchivedAtTheLimit() {
        SharePartition share = loaded();
        for (int delivery = 1; delivery <= 5; delivery++) {
            assertThat(ranges(share.acquire("m", 1, 1 << 20, true))).containsExactly(range(0, 0, delivery));
            share.acknowledge("m", List.of(batch(0, 0, 2))).join();
        }
        assertThat(share.startOffset()).isEqualTo(1);
        assertThat(ranges(share.acquire("m", 1, 1 << 20, true))).containsExactly(range(1, 1, 1));
    }

    @Test
    void anExpiredLockMakesTheRecordsAvailableAgain() {
        SharePartition share = loaded();
        share.acquire("m1", 500, 1 << 20, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> share.acquire("m2", 500, 1 << 20, false) != null);
        assertThat(share.acknowledge("m1", List.of(batch(0, 0, 1))).join()).isEqualTo(Errors.INVALID_RECORD_STATE);
    }

    @Test
    void theRecordLockLimitBoundsWhatIsInFlight() throws Exception {
        limits = new ShareLimits(LOCK_MS, 5, 3, 100);
        SharePartition share = loaded();
        assertThat(ranges(share.acquire("m", 500, 1 << 20, false))).containsExactly(range(0, 2, 1));
        assertThat(share.acquire("m", 500, 1 << 20, false)).isNull();
        share.acknowledge("m", List.of(batch(0, 0, 1))).join();
        assertThat(ranges(share.acquire("m", 500, 1 << 20, false))).containsExactly(range(3, 3, 1));
    }

    @Test
    void aReloadedShareParitionKeepsWhatWasDoneAndTheDeliveryCounts() {
        SharePartition share = loaded();
        share.acquire("m1", 500, 1 << 20, false);
        share.acknowledge("m1", List.of(batch(0, 4, 1, 2, 3, 1, 2))).join();

        SharePartition reloaded = loaded();
        assertThat(reloaded.startOffset()).isEqualTo(1);
        List<AcquiredRecords> again = ranges(reloaded.acquire("m2", 500, 1 << 20, false));
        assertThat(again).containsExactly(range(1, 1, 2), range(4, 4, 2));
    }

    @Test
    void aNewSharePartitionStartsAtTheLatestOffsetByDefault() {
        persister.states.clear();
        SharePartition share = new SharePartition(KEY, partition, limits, ShareGroupConfigs.defaults(LOCK_MS),
                persister, timer, wakeUps::incrementAndGet);
        assertThat(share.load().join()).isEqualTo(Errors.NONE);
        assertThat(share.startOffset()).isEqualTo(5);
        assertThat(share.acquire("m", 500, 1 << 20, false)).isNull();
    }

    private SharePartition loaded() {
        ShareGroupConfigs earliest = new ShareGroupConfigs() {
            @Override
            public int recordLockDurationMs(String groupId) {
                return LOCK_MS;
            }

            @Override
            public String autoOffsetReset(String groupId) {
                return "earliest";
            }

            @Override
            public boolean readCommitted(String groupId) {
                return false;
            }
        };
        SharePartition share = new SharePartition(KEY, partition, limits, earliest, persister, timer,
                wakeUps::incrementAndGet);
        assertThat(share.load().join()).isEqualTo(Errors.NONE);
        return share;
    }

    private static SharePartition.AckBatch batch(long first, long last, int... types) {
        List<Byte> list = new java.util.ArrayList<>();
        for (int type : types) {
            list.add((byte) type);
        }
        return new SharePartition.AckBatch(first, last, list);
    }

    private static List<AcquiredRecords> ranges(SharePartition.Acquisition acquisition) {
        assertThat(acquisition).isNotNull();
        return acquisition.acquired();
    }

    private static AcquiredRecords range(long first, long last, int deliveryCount) {
        return new AcquiredRecords().setFirstOffset(first).setLastOffset(last).setDeliveryCount((short) deliveryCount);
    }

    /** A share coordinator in memory: writes are committed at once. */
    private static final class MemoryPersister implements ShareStatePersister {
        final Map<SharePartitionKey, SharePartitionState> states = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<ReadResult> read(SharePartitionKey key) {
            return CompletableFuture.completedFuture(new ReadResult(Errors.NONE, Optional.ofNullable(states.get(key))));
        }

        @Override
        public CompletableFuture<Errors> write(SharePartitionKey key, SharePartitionState state) {
            states.put(key, state);
            return CompletableFuture.completedFuture(Errors.NONE);
        }

        @Override
        public CompletableFuture<Errors> resetStartOffset(SharePartitionKey key, long startOffset) {
            states.put(key, new SharePartitionState(1, -1, startOffset, List.of()));
            return CompletableFuture.completedFuture(Errors.NONE);
        }

        @Override
        public CompletableFuture<Errors> delete(SharePartitionKey key) {
            states.remove(key);
            return CompletableFuture.completedFuture(Errors.NONE);
        }
    }
}
