package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.common.message.UpdateFeaturesRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.Features;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.FeatureLevelRecord;
import io.tributary.metadata.record.MetadataRecord;

/**
 * UpdateFeatures ({@code kafka-features upgrade|downgrade|disable}) with Kafka's rules: a level within what this
 * node supports, a downgrade only when asked for as one, no "downgrade" to a newer level; all updates of a request
 * or none; validate-only writes nothing.
 */
public final class FeatureControl {

    public ControllerResult<ApiError> update(MetadataImage image, UpdateFeaturesRequestData request, short version) {
        List<MetadataRecord> records = new ArrayList<>();
        for (UpdateFeaturesRequestData.FeatureUpdateKey update : request.featureUpdates()) {
            FeatureUpdate.UpgradeType type = version == 0
                ? (update.allowDowngrade() ? FeatureUpdate.UpgradeType.SAFE_DOWNGRADE : FeatureUpdate.UpgradeType.UPGRADE)
                : FeatureUpdate.UpgradeType.fromCode(update.upgradeType());
            ApiError error = check(image, update.feature(), update.maxVersionLevel(), type);
            if (!error.isSuccess()) {
                return new ControllerResult<>(List.of(), error);
            }
            records.add(new FeatureLevelRecord(update.feature(), (short) Math.max(0, update.maxVersionLevel())));
            if (update.feature().equals(Features.ELIGIBLE_LEADER_REPLICAS.name()) && update.maxVersionLevel() < 1) {
                records.addAll(clearEligibleLeaders(image));
            }
        }
        return new ControllerResult<>(request.validateOnly() ? List.of() : records, ApiError.NONE);
    }

    /**
     * KIP-966 switched off: no partition keeps ELR fields. A partition whose ISR is empty gets its ELR back as
     * its ISR, where the older rules keep the last members (they left cleanly, with every committed record).
     */
    private static List<MetadataRecord> clearEligibleLeaders(MetadataImage image) {
        List<MetadataRecord> records = new ArrayList<>();
        for (TopicImage topic : image.topics().all()) {
            topic.partitions().forEach((index, p) -> {
                if (!p.hasElrState()) {
                    return;
                }
                int[] isr = p.isr().length == 0 ? p.elr() : p.isr();
                PartitionRegistration next = new PartitionRegistration(p.replicas(), isr, p.leader(), p.leaderEpoch(),
                    p.partitionEpoch(), p.addingReplicas(), p.removingReplicas());
                records.add(PartitionChangeRecord.between(topic.id(), index, p, next));
            });
        }
        return records;
    }

    /** KIP-853's feature, reported from the Raft voter set (QuorumInfo#kraftVersion), not from the image. */
    private static final String KRAFT_VERSION = "kraft.version";

    private static ApiError check(MetadataImage image, String name, short level, FeatureUpdate.UpgradeType type) {
        if (type == FeatureUpdate.UpgradeType.UNKNOWN) {
            return invalid(name, level, "The controller does not support the given upgrade type.");
        }
        if (level < 0) {
            return invalid(name, level, "A feature version cannot be less than 0.");
        }
        if (KRAFT_VERSION.equals(name)) {
            // Kafka 4.1 upgrades a static quorum to a dynamic one this way; here the level follows the voter set.
            return invalid(name, level, "kraft.version is not changed by UpdateFeatures here: it is 1 once the voter "
                + "set holds directory ids (a voter added with AddRaftVoter), 0 before.");
        }
        Features.Supported supported = Features.SUPPORTED.get(name);
        if (supported == null) {
            return invalid(name, level, "Local controller does not support this feature.");
        }
        if (level < supported.minVersion() || level > supported.maxVersion()) {
            return invalid(name, level, "Local controller only supports versions " + supported.range());
        }
        short current = Features.finalizedLevel(image, supported);
        if (level < current && type == FeatureUpdate.UpgradeType.UPGRADE) {
            return invalid(name, level, "Can't downgrade the version of this feature without setting the upgrade "
                + "type to either safe or unsafe downgrade.");
        }
        if (level > current && type != FeatureUpdate.UpgradeType.UPGRADE) {
            return invalid(name, level, "Can't downgrade to a newer version.");
        }
        return ApiError.NONE;
    }

    private static ApiError invalid(String feature, short level, String why) {
        return new ApiError(Errors.INVALID_UPDATE_VERSION,
            String.format("Invalid update version %d for feature %s. %s", level, feature, why));
    }
}
