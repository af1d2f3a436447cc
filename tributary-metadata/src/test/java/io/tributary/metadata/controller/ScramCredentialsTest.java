package io.tributary.metadata.controller;

import static io.tributary.metadata.ControllerHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.metadata.ClusterHarness;
import io.tributary.metadata.image.ScramCredentialData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.ScramCredentialDeletion;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData.ScramCredentialUpsertion;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterUserScramCredentialsRequest;
import org.apache.kafka.common.requests.AlterUserScramCredentialsResponse;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AlterUserScramCredentials through the controller: Kafka's per-user validation, the metadata log, replay. */
class ScramCredentialsTest {

    private static final byte SHA_256 = ScramMechanism.SCRAM_SHA_256.type();
    private static final byte SHA_512 = ScramMechanism.SCRAM_SHA_512.type();

    @TempDir
    Path dir;

    private ClusterHarness cluster;

    @AfterEach
    void close() throws Exception {
        cluster.close();
    }

    @Test
    void storedKeysAreDerivedFromTheSaltedPasswordAndSurviveARestart() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
        byte[] salt = formatter.secureRandomBytes();
        byte[] salted = formatter.saltedPassword("alice-secret", salt, 4096);

        // when
        AlterUserScramCredentialsResponseData response = alter(new AlterUserScramCredentialsRequestData()
                .setUpsertions(List.of(upsert("alice", SHA_512, 4096, salt, salted))));
        cluster.restart();

        // then: what a SCRAM server checks a proof against, never the password
        assertThat(response.results()).extracting(AlterUserScramCredentialsResult::errorCode)
                .containsExactly(Errors.NONE.code());
        ScramCredential expected = formatter.generateCredential(salt, salted, 4096);
        ScramCredentialData stored = cluster.image().scram().credential("alice", "SCRAM-SHA-512");
        assertThat(stored).isEqualTo(new ScramCredentialData(salt, expected.storedKey(), expected.serverKey(), 4096));
    }

    @Test
    void aUserWithAnyBadChangeChangesNothingWhileOthersApply() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        byte[] salt = {1, 2, 3, 4};
        byte[] salted = new byte[32];

        // when
        AlterUserScramCredentialsResponseData response = alter(new AlterUserScramCredentialsRequestData()
                .setUpsertions(List.of(
                        upsert("good", SHA_256, 4096, salt, salted),
                        upsert("mixed", SHA_256, 4096, salt, salted),
                        upsert("mixed", SHA_512, 100, salt, salted), // too few iterations
                        upsert("", SHA_256, 4096, salt, salted),
                        upsert("unknown", (byte) 9, 4096, salt, salted),
                        upsert("twice", SHA_256, 4096, salt, salted),
                        upsert("twice", SHA_256, 8192, salt, salted)))
                .setDeletions(List.of(new ScramCredentialDeletion().setName("ghost").setMechanism(SHA_256))));

        // then
        assertThat(response.results()).extracting(AlterUserScramCredentialsResult::user,
                        AlterUserScramCredentialsResult::errorCode)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("good", Errors.NONE.code()),
                        org.assertj.core.groups.Tuple.tuple("mixed", Errors.UNACCEPTABLE_CREDENTIAL.code()),
                        org.assertj.core.groups.Tuple.tuple("", Errors.UNACCEPTABLE_CREDENTIAL.code()),
                        org.assertj.core.groups.Tuple.tuple("unknown", Errors.UNSUPPORTED_SASL_MECHANISM.code()),
                        org.assertj.core.groups.Tuple.tuple("twice", Errors.DUPLICATE_RESOURCE.code()),
                        org.assertj.core.groups.Tuple.tuple("ghost", Errors.RESOURCE_NOT_FOUND.code()));
        assertThat(cluster.image().scram().byUser()).containsOnlyKeys("good");
    }

    @Test
    void deletionRemovesOneMechanismAndTheUserWithItsLast() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of());
        byte[] salt = {5, 6, 7, 8};
        alter(new AlterUserScramCredentialsRequestData().setUpsertions(List.of(
                upsert("bob", SHA_256, 4096, salt, new byte[32]), upsert("bob", SHA_512, 4096, salt, new byte[64]))));

        // when / then
        alter(new AlterUserScramCredentialsRequestData().setDeletions(List.of(
                new ScramCredentialDeletion().setName("bob").setMechanism(SHA_256))));
        assertThat(cluster.image().scram().byUser().get("bob")).containsOnlyKeys("SCRAM-SHA-512");
        alter(new AlterUserScramCredentialsRequestData().setDeletions(List.of(
                new ScramCredentialDeletion().setName("bob").setMechanism(SHA_512))));
        assertThat(cluster.image().scram().byUser()).isEmpty();
    }

    @Test
    void bootstrapCredentialsAreWrittenOnActivationOnlyWhenMissing() throws Exception {
        // given
        cluster = new ClusterHarness(dir, Map.of("tributary.bootstrap.scram.credentials",
                "SCRAM-SHA-512=[name=admin,password=admin-secret] SCRAM-SHA-256=[name=ops,password=\"ops-secret\",iterations=8192]"));

        // then (written by the controller's activation, applied moments later)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> cluster.image().scram().credential("ops", "SCRAM-SHA-256") != null);
        ScramCredentialData admin = cluster.image().scram().credential("admin", "SCRAM-SHA-512");
        assertThat(admin).isNotNull();
        assertThat(cluster.image().scram().credential("ops", "SCRAM-SHA-256").iterations()).isEqualTo(8192);
        ScramFormatter formatter = new ScramFormatter(ScramMechanism.SCRAM_SHA_512);
        byte[] salted = formatter.saltedPassword("admin-secret", admin.salt(), admin.iterations());
        assertThat(formatter.storedKey(formatter.clientKey(salted))).isEqualTo(admin.storedKey());

        // and a restart (a new activation) keeps the existing credential rather than writing a new one
        cluster.restart();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> cluster.image().scram().credential("admin", "SCRAM-SHA-512") != null);
        assertThat(cluster.image().scram().credential("admin", "SCRAM-SHA-512")).isEqualTo(admin);
    }

    private AlterUserScramCredentialsResponseData alter(AlterUserScramCredentialsRequestData data) throws Exception {
        return ((AlterUserScramCredentialsResponse) await(cluster.controller().handle(
                new AlterUserScramCredentialsRequest.Builder(data).build((short) 0)))).data();
    }

    private static ScramCredentialUpsertion upsert(String name, byte mechanism, int iterations, byte[] salt,
                                                   byte[] salted) {
        return new ScramCredentialUpsertion().setName(name).setMechanism(mechanism).setIterations(iterations)
                .setSalt(salt).setSaltedPassword(salted);
    }
}
