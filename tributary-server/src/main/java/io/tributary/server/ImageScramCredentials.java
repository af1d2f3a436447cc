package io.tributary.server;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.ScramCredentialData;
import io.tributary.network.security.ScramCredentialStore;
import java.util.function.Supplier;
import org.apache.kafka.common.security.scram.ScramCredential;

/** SCRAM logins checked against the credentials in this node's current metadata image (replicated by the log). */
final class ImageScramCredentials implements ScramCredentialStore {

    private final Supplier<MetadataImage> image;

    ImageScramCredentials(Supplier<MetadataImage> image) {
        this.image = image;
    }

    @Override
    public ScramCredential credential(String user, String mechanism) {
        ScramCredentialData data = image.get().scram().credential(user, mechanism);
        return data == null ? null
                : new ScramCredential(data.salt(), data.storedKey(), data.serverKey(), data.iterations());
    }
}
