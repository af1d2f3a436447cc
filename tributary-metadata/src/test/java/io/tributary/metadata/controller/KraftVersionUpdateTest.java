package io.tributary.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.common.message.UpdateFeaturesRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.image.MetadataImage;

/** kraft.version follows the Raft voter set: UpdateFeatures refuses it with Kafka's error and writes nothing. */
class KraftVersionUpdateTest {

    @Test
    void anUpgradeOfKraftVersionIsRefusedWithInvalidUpdateVersion() {
        // given
        UpdateFeaturesRequestData request = new UpdateFeaturesRequestData();
        request.featureUpdates().add(new UpdateFeaturesRequestData.FeatureUpdateKey()
            .setFeature("kraft.version").setMaxVersionLevel((short) 1)
            .setUpgradeType(FeatureUpdate.UpgradeType.UPGRADE.code()));

        // when
        ControllerResult<ApiError> result = new FeatureControl().update(MetadataImage.empty("c"), request, (short) 1);

        // then
        assertThat(result.response().error()).isEqualTo(Errors.INVALID_UPDATE_VERSION);
        assertThat(result.response().message()).contains("kraft.version");
        assertThat(result.records()).isEmpty();
    }
}
