package io.tributary.coordinator.group.service;

import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.group.GroupConfigOverrides;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.group.GroupOverview;
import io.tributary.coordinator.group.GroupRegistry;
import io.tributary.coordinator.group.TopicMetadataView;
import io.tributary.coordinator.group.classic.ClassicGroup;
import io.tributary.coordinator.group.classic.ClassicGroupProtocol;
import io.tributary.coordinator.group.classic.ClassicGroupRecords;
import io.tributary.coordinator.group.consumer.ConsumerGroupProtocol;
import io.tributary.coordinator.group.offsets.OffsetCommitHandler;
import io.tributary.coordinator.group.offsets.OffsetDeleteHandler;
import io.tributary.coordinator.group.offsets.OffsetExpiration;
import io.tributary.coordinator.group.offsets.OffsetFetchHandler;
import io.tributary.coordinator.group.offsets.OffsetStore;
import io.tributary.coordinator.group.offsets.PendingTransactionalOffsets;
import io.tributary.coordinator.group.offsets.TxnOffsetCommitHandler;
import io.tributary.coordinator.group.records.GroupMetadataKey;
import io.tributary.coordinator.group.records.GroupMetadataValue;
import io.tributary.coordinator.group.records.GroupRecord;
import io.tributary.coordinator.group.records.OffsetCommitKey;
import io.tributary.coordinator.group.records.OffsetCommitValue;
import io.tributary.coordinator.group.records.RecordKey;
import io.tributary.coordinator.group.records.RecordValue;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorShard;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator state of one {@code __consumer_offsets} partition: its groups and their offsets, and
 * the handlers that act on them. Records are applied through a registry of replayers keyed by record type,
 * so that other group types can bring their own records.
 */
public final class GroupCoordinatorShard implements CoordinatorShard<GroupRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinatorShard.class);
    private static final String OFFSETS_EXPIRATION_TIMER = "offsets-expiration";

    private final GroupCoordinatorConfig config;
    private final Time time;
    private final CoordinatorTimer<GroupRecord> timer;
    private final GroupRegistry groups = new GroupRegistry();
    private final OffsetStore offsets = new OffsetStore();
    private final PendingTransactionalOffsets pendingOffsets = new PendingTransactionalOffsets();
    private final Map<Short, BiConsumer<RecordKey, RecordValue>> replayers = new HashMap<>();
    private final ClassicGroupProtocol classic;
    private final ConsumerGroupProtocol consumer;
    private final OffsetCommitHandler offsetCommits;
    private final OffsetFetchHandler offsetFetches;
    private final TxnOffsetCommitHandler txnOffsetCommits;
    private final OffsetDeleteHandler offsetDeletes;
    private final OffsetExpiration offsetExpiration;
    private final GroupAdmin admin;

    public GroupCoordinatorShard(GroupCoordinatorConfig config, TopicMetadataView topics, Time time,
                                 CoordinatorTimer<GroupRecord> timer) {
        this(config, topics, GroupConfigOverrides.NONE, time, timer);
    }

    public GroupCoordinatorShard(GroupCoordinatorConfig config, TopicMetadataView topics,
                                 GroupConfigOverrides overrides, Time time, CoordinatorTimer<GroupRecord> timer) {
        this.config = config;
        this.time = time;
        this.timer = timer;
        this.classic = new ClassicGroupProtocol(config, time, timer, groups);
        this.consumer = new ConsumerGroupProtocol(config, topics, timer, groups, overrides);
        this.offsetCommits = new OffsetCommitHandler(config, topics, groups, time);
        this.offsetFetches = new OffsetFetchHandler(topics, groups, offsets, pendingOffsets);
        this.txnOffsetCommits = new TxnOffsetCommitHandler(config, topics, groups, pendingOffsets, time);
        this.offsetDeletes = new OffsetDeleteHandler(groups, offsets);
        this.offsetExpiration = new OffsetExpiration(groups, offsets, config.offsetsRetentionMs());
        this.admin = new GroupAdmin(groups, offsetDeletes);
        registerReplayer(OffsetCommitKey.TYPE, (key, value) -> replayOffset((OffsetCommitKey) key,
                (OffsetCommitValue) value));
        registerReplayer(GroupMetadataKey.TYPE, (key, value) -> ClassicGroupRecords.replay(groups,
                (GroupMetadataKey) key, (GroupMetadataValue) value, time.milliseconds()));
        consumer.registerReplayers(this::registerReplayer);
    }

    /** How records of a type change this shard; a type's value is null for a tombstone. */
    public void registerReplayer(short recordType, BiConsumer<RecordKey, RecordValue> replayer) {
        replayers.put(recordType, replayer);
    }

    @Override
    public void replay(GroupRecord record) {
        BiConsumer<RecordKey, RecordValue> replayer = replayers.get(record.key().type());
        if (replayer == null) {
            LOG.warn("Skipping a record of unknown type {}", record.key().type());
            return;
        }
        replayer.accept(record.key(), record.value());
    }

    /** Offsets in a producer's transactional batch wait for its marker; other records apply at once. */
    @Override
    public void replayTransactional(GroupRecord record, long producerId, short producerEpoch, int sequence) {
        if (record.key() instanceof OffsetCommitKey key && record.value() instanceof OffsetCommitValue value) {
            pendingOffsets.add(producerId, producerEpoch, sequence, key, value);
        } else {
            replay(record);
        }
    }

    @Override
    public void replayEndTransaction(long producerId, boolean commit) {
        Map<OffsetCommitKey, OffsetCommitValue> completed = pendingOffsets.complete(producerId);
        if (commit) {
            completed.forEach(this::replayOffset);
        }
    }

    @Override
    public void onLoaded() {
        classic.onLoaded();
        consumer.onLoaded();
        scheduleOffsetsExpiration();
    }

    @Override
    public void onUnloaded() {
        classic.onUnloaded();
    }

    /** Each group of this shard with its committed offsets; runs on the coordinator's event thread. */
    public List<GroupOverview> overview() {
        List<GroupOverview> overview = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Group group : groups.all()) {
            seen.add(group.groupId());
            overview.add(new GroupOverview(group.groupId(), group.type().wireName(),
                    group.stateName(), group.describe().members().size(), committed(group.groupId())));
        }
        for (String groupId : offsets.groupIds()) {
            if (!seen.contains(groupId)) {
                overview.add(new GroupOverview(groupId, "simple", "Empty", 0, committed(groupId)));
            }
        }
        return overview;
    }

    private Map<TopicPartition, Long> committed(String groupId) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.offsetsOf(groupId).forEach((topic, partitions) -> partitions.forEach((partition, value) ->
                committed.put(new TopicPartition(topic, partition), value.offset())));
        return committed;
    }

    public GroupRegistry groups() {
        return groups;
    }

    public ClassicGroupProtocol classic() {
        return classic;
    }

    public ConsumerGroupProtocol consumer() {
        return consumer;
    }

    public OffsetCommitHandler offsetCommits() {
        return offsetCommits;
    }

    public OffsetFetchHandler offsetFetches() {
        return offsetFetches;
    }

    public TxnOffsetCommitHandler txnOffsetCommits() {
        return txnOffsetCommits;
    }

    public OffsetDeleteHandler offsetDeletes() {
        return offsetDeletes;
    }

    GroupAdmin admin() {
        return admin;
    }

    private void replayOffset(OffsetCommitKey key, OffsetCommitValue value) {
        offsets.replay(key, value);
        // Offsets committed outside group management belong to a "simple" group, which must exist for them.
        if (value != null && groups.get(key.groupId()) == null) {
            groups.put(new ClassicGroup(key.groupId(), time.milliseconds()));
        }
    }

    private void scheduleOffsetsExpiration() {
        timer.schedule(OFFSETS_EXPIRATION_TIMER, config.offsetsRetentionCheckMs(), () -> {
            scheduleOffsetsExpiration();
            return CoordinatorResult.of(offsetExpiration.expire(time.milliseconds()), null);
        });
    }
}
