package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.protocol.Errors;

import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.Features;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;

/**
 * AlterPartition: a partition leader shrinks or expands its ISR. Checked against the sender's broker epoch, the
 * leader epoch, the partition epoch and the eligibility of the new members; an expansion may complete a
 * reassignment.
 */
public final class IsrChanges {

    private final Reassignments reassignments;
    private final EffectiveConfigResolver resolver;

    public IsrChanges(Reassignments reassignments, EffectiveConfigResolver resolver) {
        this.reassignments = reassignments;
        this.resolver = resolver;
    }

    public ControllerResult<AlterPartitionResponseData> alterPartition(MetadataImage image,
                                                                       AlterPartitionRequestData request) {
        AlterPartitionResponseData response = new AlterPartitionResponseData();
        Optional<BrokerRegistration> sender = image.brokers().get(request.brokerId());
        if (sender.isEmpty() || sender.get().epoch() != request.brokerEpoch()) {
            return new ControllerResult<>(List.of(), response.setErrorCode(Errors.STALE_BROKER_EPOCH.code()));
        }
        List<MetadataRecord> records = new ArrayList<>();
        for (AlterPartitionRequestData.TopicData topicData : request.topics()) {
            AlterPartitionResponseData.TopicData topicResponse = new AlterPartitionResponseData.TopicData()
                .setTopicId(topicData.topicId());
            response.topics().add(topicResponse);
            Optional<TopicImage> topic = image.topics().get(topicData.topicId());
            // Resolved once per topic: a restarting broker's request may carry thousands of its partitions.
            Map<String, Object> topicConfig = topic.isPresent() && Features.eligibleLeaderReplicasEnabled(image)
                ? resolver.effectiveTopicConfig(image, topic.get().name()) : null;
            for (AlterPartitionRequestData.PartitionData data : topicData.partitions()) {
                AlterPartitionResponseData.PartitionData result = new AlterPartitionResponseData.PartitionData()
                    .setPartitionIndex(data.partitionIndex());
                topicResponse.partitions().add(result);
                if (topic.isEmpty()) {
                    result.setErrorCode(Errors.UNKNOWN_TOPIC_ID.code());
                    continue;
                }
                Optional<PartitionRegistration> current = topic.get().partition(data.partitionIndex());
                if (current.isEmpty()) {
                    result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
                    continue;
                }
                PartitionRegistration p = current.get();
                Errors error = check(image, request.brokerId(), p, data);
                if (error != Errors.NONE) {
                    result.setErrorCode(error.code());
                    continue;
                }
                // KIP-966: replicas leaving an ISR below min ISR join the ELR; reaching min ISR empties it.
                EligibleLeaders rules = topicConfig == null ? EligibleLeaders.DISABLED
                    : new EligibleLeaders(true, EligibleLeaders.effectiveMinIsr(topicConfig, p),
                        PartitionRegistration.NO_LEADER);
                PartitionRegistration next = PartitionElection.withElr(p, p.replicas(), newIsr(data), p.leader(), rules);
                next = reassignments.completeIfCaughtUp(image, topic.get().name(), next);
                PartitionRegistration committed = p;
                if (!p.equals(next)) {
                    PartitionChangeRecord change = PartitionChangeRecord.between(topic.get().id(), data.partitionIndex(),
                        p, next);
                    records.add(change);
                    committed = change.applyTo(p);
                }
                result.setLeaderId(committed.leader())
                    .setLeaderEpoch(committed.leaderEpoch())
                    .setPartitionEpoch(committed.partitionEpoch())
                    .setIsr(Arrays.stream(committed.isr()).boxed().toList())
                    .setLeaderRecoveryState(data.leaderRecoveryState());
            }
        }
        return new ControllerResult<>(records, response);
    }

    private static Errors check(MetadataImage image, int brokerId, PartitionRegistration p,
                                AlterPartitionRequestData.PartitionData data) {
        if (data.leaderEpoch() != p.leaderEpoch()) {
            return Errors.FENCED_LEADER_EPOCH;
        }
        if (brokerId != p.leader()) {
            return Errors.INVALID_REQUEST;
        }
        if (data.partitionEpoch() != p.partitionEpoch()) {
            return Errors.INVALID_UPDATE_VERSION;
        }
        int[] isr = newIsr(data);
        if (isr.length == 0 || !PartitionRegistration.contains(isr, p.leader())) {
            return Errors.INVALID_REQUEST;
        }
        Set<Integer> seen = new LinkedHashSet<>();
        for (int member : isr) {
            if (!seen.add(member)) {
                return Errors.INVALID_REQUEST;
            }
            if (!p.isReplica(member) || !image.brokers().isActive(member)) {
                return Errors.INELIGIBLE_REPLICA;
            }
        }
        for (AlterPartitionRequestData.BrokerState member : data.newIsrWithEpochs()) {
            long epoch = image.brokers().get(member.brokerId()).map(BrokerRegistration::epoch).orElse(-2L);
            // -1: the leader does not know the follower's epoch (older followers); Kafka accepts that too.
            if (member.brokerEpoch() != -1 && member.brokerEpoch() != epoch) {
                return Errors.INELIGIBLE_REPLICA;
            }
        }
        return Errors.NONE;
    }

    private static int[] newIsr(AlterPartitionRequestData.PartitionData data) {
        if (!data.newIsrWithEpochs().isEmpty()) {
            return data.newIsrWithEpochs().stream().mapToInt(AlterPartitionRequestData.BrokerState::brokerId).toArray();
        }
        return data.newIsr().stream().mapToInt(Integer::intValue).toArray();
    }
}
