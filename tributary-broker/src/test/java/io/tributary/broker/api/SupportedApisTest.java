package io.tributary.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerApis;
import io.tributary.broker.api.SupportedApis;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

class SupportedApisTest {

    @Test
    void internalApisAreAcceptedButNotAdvertised() {
        // given
        SupportedApis table = BrokerApis.table();

        // when
        var advertised = table.toApiVersionCollection();

        // then
        for (ApiKeys internal : new ApiKeys[] {ApiKeys.BROKER_REGISTRATION, ApiKeys.BROKER_HEARTBEAT,
                ApiKeys.ALTER_PARTITION, ApiKeys.ALLOCATE_PRODUCER_IDS}) {
            assertThat(table.isSupported(internal, internal.latestVersion())).as(internal.name).isTrue();
            assertThat(table.isInternal(internal)).isTrue();
            assertThat(advertised.find(internal.id)).as(internal.name).isNull();
        }
        assertThat(advertised.find(ApiKeys.WRITE_TXN_MARKERS.id).maxVersion()).isEqualTo((short) 2);
        assertThat(advertised.find(ApiKeys.DESCRIBE_QUORUM.id).maxVersion()).isEqualTo((short) 2);
        assertThat(advertised.find(ApiKeys.ALTER_PARTITION_REASSIGNMENTS.id)).isNotNull();
        assertThat(advertised.find(ApiKeys.LIST_PARTITION_REASSIGNMENTS.id)).isNotNull();
        assertThat(table.isSupported(ApiKeys.ALTER_PARTITION_REASSIGNMENTS, (short) 1)).isFalse();
    }
}
