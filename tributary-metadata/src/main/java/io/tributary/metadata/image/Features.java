package io.tributary.metadata.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The features (KIP-584) this broker supports, with the level a new cluster finalizes them at, as Kafka 4.x does at
 * format time; an UpdateFeatures change is kept in the image and overrides the default.
 */
public final class Features {

    /** A supported feature: the versions this node speaks and the level a new cluster starts at. */
    public record Supported(String name, short minVersion, short maxVersion, short defaultLevel) {

        /** Kafka's VersionRange text, e.g. {@code [0-2]}. */
        public String range() {
            return "[" + minVersion + "-" + maxVersion + "]";
        }
    }

    /** KIP-966 eligible leader replicas and unclean-shutdown detection; level 1 on, as Kafka 4.1+ formats new clusters. */
    public static final Supported ELIGIBLE_LEADER_REPLICAS =
            new Supported("eligible.leader.replicas.version", (short) 0, (short) 1, (short) 1);

    /**
     * transaction.version 2: Kafka 4 producers use KIP-890 part 2. share.version 1: share groups (KIP-932) on; they
     * cannot be switched off here, so level 0 is not supported.
     */
    public static final Map<String, Supported> SUPPORTED = table(
            new Supported("transaction.version", (short) 0, (short) 2, (short) 2),
            new Supported("share.version", (short) 1, (short) 1, (short) 1),
            ELIGIBLE_LEADER_REPLICAS);

    private Features() {
    }

    /** The finalized level of a supported feature in this image (0: disabled). */
    public static short finalizedLevel(MetadataImage image, Supported feature) {
        return image.features().getOrDefault(feature.name(), feature.defaultLevel());
    }

    /** Whether KIP-966 is on: eligible leader replicas kept, unclean shutdowns taken out of ISR and ELR. */
    public static boolean eligibleLeaderReplicasEnabled(MetadataImage image) {
        return finalizedLevel(image, ELIGIBLE_LEADER_REPLICAS) >= 1;
    }

    private static Map<String, Supported> table(Supported... features) {
        Map<String, Supported> table = new LinkedHashMap<>();
        for (Supported feature : features) {
            table.put(feature.name(), feature);
        }
        return java.util.Collections.unmodifiableMap(table);
    }
}
