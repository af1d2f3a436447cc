package io.tributary.storage;

import static io.tributary.storage.TransactionTest.transactional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.api.VerificationGuard;
import java.nio.file.Path;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KIP-890 part 1's verification guard: only the verified write may open a producer's transaction. */
class TransactionVerificationTest {

    private static final long PID = 4000L;
    private static final short EPOCH = 3;

    @TempDir
    Path dir;
    LogFixture fixture;
    PartitionLog log;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(dir);
        log = fixture.log(LogConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void theVerifiedWriteOpensTheTransactionAndLaterWritesNeedNoVerification() {
        // given
        VerificationGuard guard = log.maybeStartVerification(PID);

        // when
        log.appendAsLeader(transactional(PID, EPOCH, 0, "a"), 0, guard);
        VerificationGuard next = log.maybeStartVerification(PID);
        log.appendAsLeader(transactional(PID, EPOCH, 1, "b"), 0, next);

        // then
        assertThat(guard).isNotSameAs(VerificationGuard.SENTINEL);
        assertThat(next).isSameAs(VerificationGuard.SENTINEL);
        assertThat(log.logEndOffset()).isEqualTo(2);
    }

    @Test
    void aWriteVerifiedBeforeTheAbortMarkerCannotOpenANewTransaction() {
        // given: the transaction is open when a write is checked, then the coordinator aborts it
        log.appendAsLeader(transactional(PID, EPOCH, 0, "a"), 0, log.maybeStartVerification(PID));
        VerificationGuard lateGuard = log.maybeStartVerification(PID); // sentinel: the transaction is open
        log.appendTxnMarker(PID, EPOCH, 0, false, 0);

        // when / then
        assertThatThrownBy(() -> log.appendAsLeader(transactional(PID, EPOCH, 1, "late"), 0, lateGuard))
                .isInstanceOf(InvalidTxnStateException.class);

        // given: a write verified for the next transaction, which a fencing abort ends before it is appended
        VerificationGuard verifiedThenAborted = log.maybeStartVerification(PID);
        log.appendTxnMarker(PID, (short) (EPOCH + 1), 0, false, 0);

        // when / then
        assertThatThrownBy(() -> log.appendAsLeader(transactional(PID, (short) (EPOCH + 1), 0, "late"), 0,
                verifiedThenAborted)).isInstanceOf(InvalidTxnStateException.class);
        log.updateHighWatermark(log.logEndOffset());
        assertThat(log.lastStableOffset()).isEqualTo(log.logEndOffset()); // no transaction left open
    }

    @Test
    void aWriteWithoutItsGuardIsRefusedButCoordinatorWritesNeedNone() {
        // given
        log.maybeStartVerification(PID);

        // when / then
        assertThatThrownBy(() -> log.appendAsLeader(transactional(PID, EPOCH, 0, "a"), 0,
                new VerificationGuard(0L))).isInstanceOf(InvalidTxnStateException.class);
        log.appendAsLeader(transactional(PID + 1, EPOCH, 0, "internal"), 0);
        assertThat(log.logEndOffset()).isEqualTo(1);
    }
}
