package io.tributary.metadata.controller;

import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.protocol.Errors;

import io.tributary.metadata.log.QuorumInfo;

/** DescribeQuorum for the metadata partition ({@code __cluster_metadata-0}), from the log's view of the quorum. */
public final class QuorumDescription {

    public static final String METADATA_TOPIC = "__cluster_metadata";

    private QuorumDescription() {
    }

    public static DescribeQuorumResponseData describe(DescribeQuorumRequestData request, QuorumInfo quorum) {
        DescribeQuorumResponseData response = new DescribeQuorumResponseData().setErrorCode(Errors.NONE.code());
        DescribeQuorumResponseData.PartitionData partition = new DescribeQuorumResponseData.PartitionData()
            .setPartitionIndex(0)
            .setErrorCode(Errors.NONE.code())
            .setLeaderId(quorum.leaderId())
            .setLeaderEpoch(quorum.leaderEpoch())
            .setHighWatermark(quorum.highWatermark());
        for (QuorumInfo.Voter voter : quorum.voters()) {
            partition.currentVoters().add(replicaState(voter));
            if (!voter.endpoints().isEmpty()) {
                DescribeQuorumResponseData.Node node = new DescribeQuorumResponseData.Node().setNodeId(voter.nodeId());
                voter.endpoints().forEach(e -> node.listeners().add(new DescribeQuorumResponseData.Listener()
                    .setName(e.listenerName()).setHost(e.host()).setPort(e.port())));
                response.nodes().add(node);
            }
        }
        quorum.observers().forEach(observer -> partition.observers().add(replicaState(observer)));
        response.topics().add(new DescribeQuorumResponseData.TopicData().setTopicName(METADATA_TOPIC)
            .setPartitions(new java.util.ArrayList<>(java.util.List.of(partition))));
        return response;
    }

    private static DescribeQuorumResponseData.ReplicaState replicaState(QuorumInfo.Voter replica) {
        return new DescribeQuorumResponseData.ReplicaState()
            .setReplicaId(replica.nodeId())
            .setReplicaDirectoryId(replica.directoryId())
            .setLogEndOffset(replica.logEndOffset())
            .setLastFetchTimestamp(replica.lastFetchTimestamp())
            .setLastCaughtUpTimestamp(replica.lastCaughtUpTimestamp());
    }
}
