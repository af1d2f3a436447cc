package io.tributary.broker.replica;

import static io.tributary.broker.partition.ReplicationFixture.TOPIC_ID;
import static io.tributary.broker.partition.ReplicationFixture.TP;
import static io.tributary.broker.partition.ReplicationFixture.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.fetch.DelayedFetches;
import io.tributary.broker.fetch.FetchHandler;
import io.tributary.broker.fetch.FetchSessionCache;
import io.tributary.broker.partition.AlterPartitionSender;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.ReplicationFixture;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.MetadataReplayer;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.network.Endpoint;
import io.tributary.network.NettyServer;
import io.tributary.network.NetworkConfig;
import io.tributary.network.client.NettyNodeClient;
import io.tributary.storage.api.AppendResult;
import io.tributary.storage.LogManager;
import io.tributary.storage.StorageConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A follower replicating from a leader over a real socket: Fetch v18 with ReplicaState, sendfile, parsing. */
class OverTheWireReplicationTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ReplicationFixture.FakeController controller = new ReplicationFixture.FakeController();
    private volatile MetadataImage image = MetadataImage.empty("wire");
    private LogManager leaderLogs;
    private LogManager followerLogs;
    private NettyServer server;
    private NettyNodeClient client;
    private ReplicaFetcherManager fetchers;

    @AfterEach
    void tearDown() {
        fetchers.close();
        client.close();
        server.close();
        leaderLogs.close();
        followerLogs.close();
        timer.shutdown();
    }

    @Test
    void aFollowerReplicatesOverTheNetwork(@TempDir Path leaderDir, @TempDir Path followerDir) throws Exception {
        // given: broker 1 leads and serves fetches on a socket; broker 2 follows it with the Netty node client
        leaderLogs = logs(leaderDir);
        DelayedFetches delayed = new DelayedFetches(timer);
        PartitionManager leaderPartitions = new PartitionManager(1, leaderLogs, topic -> Map.of(), false, delayed,
                new AlterPartitionSender(controller, 1, () -> 101L), ReplicaFollowingForbidden.INSTANCE);
        FetchHandler fetch = new FetchHandler(new TopicLookup(() -> image), new FetchSessionCache(10),
                leaderPartitions, delayed);
        server = new NettyServer(NetworkConfig.defaults(Endpoint.parseList("PLAINTEXT://127.0.0.1:0")),
                (api, version) -> api == ApiKeys.FETCH,
                (context, request) -> fetch.handle(context, (FetchRequest) request));
        server.start();
        followerLogs = logs(followerDir);
        client = new NettyNodeClient("tributary-replica-fetcher-2", 64 << 20);
        fetchers = new ReplicaFetcherManager(2, client, () -> image, "PLAINTEXT", () -> 102L,
                new ReplicaFetchConfig(200, 1, 1 << 20, 10 << 20, 50, 5_000));
        PartitionManager followerPartitions = new PartitionManager(2, followerLogs, topic -> Map.of(), false,
                tp -> { }, new AlterPartitionSender(controller, 2, () -> 102L), fetchers);
        image = image(server.boundPort("PLAINTEXT"));
        leaderPartitions.onMetadataUpdate(null, image);
        followerPartitions.onMetadataUpdate(null, image);
        Partition leader = leaderPartitions.get(TP).orElseThrow();
        Partition follower = followerPartitions.get(TP).orElseThrow();

        // when
        CompletableFuture<AppendResult> first = leader.appendAsLeader(records("a", "b"), (short) -1, 10_000);
        CompletableFuture<AppendResult> second = leader.appendAsLeader(records("c"), (short) -1, 10_000);

        // then
        await().atMost(Duration.ofSeconds(15)).until(() -> first.isDone() && second.isDone());
        assertThat(second.join().lastOffset()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(15)).until(() -> follower.highWatermark() == 3);
        assertThat(FollowerReplicationTest.values(follower)).containsExactly("a", "b", "c");
        assertThat(follower.latestEpoch()).isEqualTo(7);
    }

    private static LogManager logs(Path dir) {
        LogManager logs = new LogManager(StorageConfig.defaults(List.of(dir)).withCleanerEnable(false), Time.SYSTEM);
        logs.startup();
        return logs;
    }

    private static MetadataImage image(int leaderPort) {
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty("wire"));
        replayer.replay(new RegisterBrokerRecord(1, List.of(new BrokerRegistration.Listener("PLAINTEXT", "127.0.0.1",
                leaderPort, SecurityProtocol.PLAINTEXT)), null, false));
        replayer.replay(new TopicRecord(TP.topic(), TOPIC_ID));
        replayer.replay(new PartitionRecord(TOPIC_ID, 0, new int[] {1, 2}, new int[] {1, 2}, 1, 7, 1));
        return replayer.build(1);
    }

    /** The leader here never follows anything. */
    private enum ReplicaFollowingForbidden implements io.tributary.broker.partition.ReplicaFollowing {
        INSTANCE;

        @Override
        public void follow(Partition partition, int leaderId, int leaderEpoch) {
            throw new AssertionError("the leader was asked to follow " + leaderId);
        }

        @Override
        public void unfollow(org.apache.kafka.common.TopicPartition partition) {
        }
    }
}
