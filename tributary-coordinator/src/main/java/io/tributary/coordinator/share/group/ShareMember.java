package io.tributary.coordinator.share.group;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * A share group member: who it is, what it subscribes to, and the assignment and epoch it was last told (share
 * groups have no revocation: a member takes its target assignment at its next heartbeat).
 */
final class ShareMember {

    final String memberId;
    String clientId;
    String clientHost;
    String rackId;
    List<String> subscribedTopics;
    int memberEpoch;
    Map<Uuid, List<Integer>> assignment = Map.of();

    ShareMember(String memberId, String clientId, String clientHost, String rackId, List<String> subscribedTopics) {
        this.memberId = memberId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rackId = rackId;
        this.subscribedTopics = List.copyOf(subscribedTopics);
    }
}
