package io.tributary.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.snapshot.MetadataSnapshot;
import io.tributary.metadata.snapshot.SnapshotImages;

class MetadataApplierTest {

    private final List<MetadataBatch> history = SnapshotImages.history(30);

    @Test
    void batchesThatQueuedUpAreAppliedAsOneImageEqualToReplayingThemOneByOne() throws Exception {
        // given: the apply thread held on its first image while the rest arrive
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger images = new AtomicInteger();
        List<MetadataDelta> deltas = new ArrayList<>();
        try (MetadataApplier applier = new MetadataApplier(MetadataImage.empty(SnapshotImages.CLUSTER_ID),
            ControllerExecutors.THREADS.applyThread(1),
            image -> {
                images.incrementAndGet();
                awaitQuietly(release);
            })) {
            applier.onCommitted(history.get(0));
            long deadline = System.currentTimeMillis() + 10_000;
            while (images.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            applier.addListener((delta, image) -> deltas.add(delta));

            // when
            history.subList(1, history.size()).forEach(applier::onCommitted);
            release.countDown();
            applier.awaitDelivered().get(10, TimeUnit.SECONDS);

            // then
            assertThat(applier.image()).isEqualTo(SnapshotImages.replay(history));
            assertThat(images.get()).isEqualTo(2);
            assertThat(deltas).hasSize(2);
            assertThat(deltas.get(1).createdTopics()).hasSize(20);
        }
    }

    @Test
    void theImageIsAwaitedWithoutWaitingForTheListenersWhileAppliedWaitsForThemToo() throws Exception {
        // given: a listener busy with the first batch (a broker making the logs of a topic of many partitions)
        CountDownLatch release = new CountDownLatch(1);
        try (MetadataApplier applier = new MetadataApplier(MetadataImage.empty(SnapshotImages.CLUSTER_ID),
            ControllerExecutors.THREADS.applyThread(1), image -> { })) {
            applier.addListener((delta, image) -> awaitQuietly(release));
            long offset = history.get(0).lastOffset();

            // when
            applier.onCommitted(history.get(0));

            // then: the controller may answer from the image, while the listeners have not caught up
            applier.awaitImage(offset).get(10, TimeUnit.SECONDS);
            assertThat(applier.image().offset()).isEqualTo(offset);
            assertThat(applier.awaitApplied(offset)).isNotDone();
            release.countDown();
            applier.awaitApplied(offset).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFailingBatchInAGroupLeavesTheImageAfterTheBatchesBeforeIt() throws Exception {
        // given
        CountDownLatch release = new CountDownLatch(1);
        List<MetadataBatch> batches = new ArrayList<>(history.subList(0, 10));
        long badOffset = batches.get(batches.size() - 1).lastOffset() + 1;
        batches.add(new MetadataBatch(badOffset, List.of(new RemoveTopicRecord(Uuid.randomUuid()))));
        batches.add(new MetadataBatch(badOffset + 1, history.get(10).records()));
        try (MetadataApplier applier = new MetadataApplier(MetadataImage.empty(SnapshotImages.CLUSTER_ID),
            ControllerExecutors.THREADS.applyThread(1),
            image -> awaitQuietly(release))) {

            // when
            batches.forEach(applier::onCommitted);
            release.countDown();
            applier.awaitApplied(badOffset - 1).get(10, TimeUnit.SECONDS);
            Thread.sleep(200);

            // then
            assertThat(applier.image()).isEqualTo(SnapshotImages.replay(batches.subList(0, 10)));
            assertThat(applier.awaitApplied(badOffset + 1)).isNotDone();
        }
    }

    @Test
    void aSnapshotReplacesTheImageAndListenersHearTheDifference() throws Exception {
        // given: an image with every topic, and a snapshot of a later image where some are gone
        List<MetadataBatch> later = new ArrayList<>(history);
        long next = history.get(history.size() - 1).lastOffset() + 1;
        Uuid gone = SnapshotImages.replay(history).topics().get("topic-1").orElseThrow().id();
        later.add(new MetadataBatch(next, List.of(new RemoveTopicRecord(gone))));
        MetadataImage target = SnapshotImages.replay(later);
        List<MetadataDelta> deltas = new ArrayList<>();
        try (MetadataApplier applier = new MetadataApplier(MetadataImage.empty(SnapshotImages.CLUSTER_ID),
            ControllerExecutors.THREADS.applyThread(1),
            image -> { })) {
            history.forEach(applier::onCommitted);
            applier.awaitDelivered().get(10, TimeUnit.SECONDS);
            applier.addListener((delta, image) -> deltas.add(delta));
            applier.awaitDelivered().get(10, TimeUnit.SECONDS);

            // when
            MetadataSnapshot snapshot = MetadataSnapshot.of(target, 0);
            applier.onCommitted(MetadataBatch.snapshot(snapshot.lastOffset(), snapshot.records()));
            applier.awaitApplied(next).get(10, TimeUnit.SECONDS);

            // then
            assertThat(applier.image()).isEqualTo(target);
            assertThat(deltas.get(deltas.size() - 1).deletedTopics()).containsOnlyKeys(gone);
            assertThat(deltas.get(deltas.size() - 1).createdTopics()).isEmpty();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
