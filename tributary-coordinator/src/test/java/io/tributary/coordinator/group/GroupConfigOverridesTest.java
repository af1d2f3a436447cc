package io.tributary.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.apache.kafka.common.message.ConsumerGroupHeartbeatResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** A group's consumer.session.timeout.ms and consumer.heartbeat.interval.ms replace the broker's for its members. */
class GroupConfigOverridesTest {

    private static final int GROUP_SESSION_TIMEOUT_MS = 20_000;
    private static final int GROUP_HEARTBEAT_INTERVAL_MS = 7_000;

    /** Only group "short" has settings of its own. */
    private final GroupConfigOverrides overrides = new GroupConfigOverrides() {
        @Override
        public OptionalInt consumerSessionTimeoutMs(String groupId) {
            return groupId.equals("short") ? OptionalInt.of(GROUP_SESSION_TIMEOUT_MS) : OptionalInt.empty();
        }

        @Override
        public OptionalInt consumerHeartbeatIntervalMs(String groupId) {
            return groupId.equals("short") ? OptionalInt.of(GROUP_HEARTBEAT_INTERVAL_MS) : OptionalInt.empty();
        }
    };
    private final GroupCoordinatorTestContext ctx = GroupCoordinatorTestContext.builder().topic("orders", 2)
            .groupConfigs(overrides).build();
    private final ConsumerHeartbeats consumers = new ConsumerHeartbeats(ctx);

    @Test
    void aGroupsHeartbeatIntervalIsWhatItsMembersAreTold() {
        // when
        ConsumerGroupHeartbeatResponseData overridden = consumers.join("short", "a", "orders");
        ConsumerGroupHeartbeatResponseData brokerDefault = consumers.join("default", "a", "orders");

        // then
        assertThat(overridden.heartbeatIntervalMs()).isEqualTo(GROUP_HEARTBEAT_INTERVAL_MS);
        assertThat(brokerDefault.heartbeatIntervalMs()).isEqualTo(ctx.config.consumerHeartbeatIntervalMs());
    }

    @Test
    void aGroupsSessionTimeoutFencesItsSilentMembersInsteadOfTheBrokerDefault() {
        // given a silent member in each group, and the broker's default well above the group's
        assertThat(ctx.config.consumerSessionTimeoutMs()).isGreaterThan(GROUP_SESSION_TIMEOUT_MS);
        consumers.join("short", "a", "orders");
        consumers.join("default", "a", "orders");

        // when
        ctx.advance(GROUP_SESSION_TIMEOUT_MS + 1);

        // then
        assertThat(consumers.heartbeat("short", "a", 1, null).errorCode())
                .isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(consumers.heartbeat("default", "a", 1, null).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(consumers.describe("default").members()).hasSize(1);
    }
}
