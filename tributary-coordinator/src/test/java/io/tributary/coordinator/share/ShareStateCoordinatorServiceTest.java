package io.tributary.coordinator.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.coordinator.runtime.InMemoryCoordinatorLog;
import io.tributary.coordinator.runtime.ManualEventExecutor;
import io.tributary.coordinator.share.state.ShareStateCoordinatorService;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Share-partition states in __share_group_state: written, read back after a reload, fenced by epochs. */
class ShareStateCoordinatorServiceTest {

    private final MockTime time = new MockTime();
    private final ManualEventExecutor executor = new ManualEventExecutor(time);
    private final InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
    private final SharePartitionKey key = new SharePartitionKey("g", Uuid.randomUuid(), 0);
    private ShareStateCoordinatorService service;

    @BeforeEach
    void start() {
        service = new ShareStateCoordinatorService(1, time, executor);
        service.onElection(0, log);
    }

    @Test
    void aWrittenStateIsReadBackAfterAReload() {
        SharePartitionState state = new SharePartitionState(0, 3, 10, List.of(
                new StateBatch(12, 14, DeliveryState.ACKNOWLEDGED, (short) 1),
                new StateBatch(15, 15, DeliveryState.AVAILABLE, (short) 2),
                new StateBatch(16, 16, DeliveryState.ARCHIVED, (short) 5)));
        assertThat(service.write(key, state).join()).isEqualTo(Errors.NONE);

        service.onResignation(0);
        assertThat(service.read(key).join().error()).isEqualTo(Errors.NOT_COORDINATOR);
        service.onElection(0, log);

        ShareStatePersister.ReadResult read = service.read(key).join();
        assertThat(read.error()).isEqualTo(Errors.NONE);
        assertThat(read.state()).contains(state);
        assertThat(service.read(new SharePartitionKey("g", key.topicId(), 1)).join().state()).isEmpty();
    }

    @Test
    void anAdminResetFencesTheLeadersOlderStateAndAnOlderLeaderIsFenced() {
        assertThat(service.write(key, new SharePartitionState(0, 3, 10, List.of())).join()).isEqualTo(Errors.NONE);
        assertThat(service.write(key, new SharePartitionState(0, 2, 11, List.of())).join())
                .isEqualTo(Errors.FENCED_LEADER_EPOCH);

        assertThat(service.resetStartOffset(key, 0).join()).isEqualTo(Errors.NONE);
        SharePartitionState reset = service.read(key).join().state().orElseThrow();
        assertThat(reset.startOffset()).isZero();
        assertThat(reset.stateEpoch()).isEqualTo(1);
        assertThat(service.write(key, new SharePartitionState(0, 3, 12, List.of())).join())
                .isEqualTo(Errors.FENCED_STATE_EPOCH);

        assertThat(service.delete(key).join()).isEqualTo(Errors.NONE);
        service.onResignation(0);
        service.onElection(0, log);
        assertThat(service.read(key).join().state()).isEmpty();
    }
}
