package io.tributary.quorum;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * Builds {@link QuorumState} from what Ratis exposes. Ratis gives the leader each follower's next index and time
 * since its last reply, not a match index or a caught-up time; a follower whose next index equals the leader's
 * is taken as caught up at its last reply.
 */
final class QuorumStateReader {

    private static final long UNKNOWN = -1;

    private QuorumStateReader() {
    }

    static QuorumState read(RaftServer.Division division, int nodeId, List<QuorumVoter> voterList) {
        DivisionInfo info = division.getInfo();
        long now = System.currentTimeMillis();
        long localLogEnd = division.getRaftLog().getNextIndex();
        Map<Integer, QuorumState.VoterState> voters = new LinkedHashMap<>();
        for (QuorumVoter voter : voterList) {
            voters.put(voter.nodeId(), new QuorumState.VoterState(voter.nodeId(), UNKNOWN, UNKNOWN, UNKNOWN));
        }
        boolean voter = voters.containsKey(nodeId);
        if (info.isLeader()) {
            if (voter) { // a leader that removed itself leads until it steps down, no longer a voter
                voters.put(nodeId, new QuorumState.VoterState(nodeId, localLogEnd, now, now));
            }
            addFollowers(info, localLogEnd, now, voters);
        } else if (voter) {
            voters.put(nodeId, new QuorumState.VoterState(nodeId, localLogEnd, UNKNOWN, UNKNOWN));
        }
        int leaderId = RaftSettings.nodeIdOf(info.getLeaderId()).orElse(-1);
        long highWatermark = division.getRaftLog().getLastCommittedIndex() + 1;
        return new QuorumState(leaderId, (int) info.getCurrentTerm(), highWatermark, new ArrayList<>(voters.values()),
            voterList);
    }

    private static void addFollowers(DivisionInfo info, long leaderLogEnd, long now,
                                     Map<Integer, QuorumState.VoterState> voters) {
        RoleInfoProto role = info.getRoleInfoProto();
        long[] nextIndices = info.getFollowerNextIndices();
        if (!role.hasLeaderInfo() || nextIndices == null) {
            return;
        }
        // Both come from the leader's list of log appenders, in the same order.
        List<ServerRpcProto> followers = role.getLeaderInfo().getFollowerInfoList();
        for (int i = 0; i < followers.size() && i < nextIndices.length; i++) {
            ServerRpcProto follower = followers.get(i);
            int followerId = Integer.parseInt(follower.getId().getId().toStringUtf8());
            if (!voters.containsKey(followerId)) {
                continue; // a peer being added (Ratis' staging) or just removed: not a voter of this configuration
            }
            long lastFetch = now - follower.getLastRpcElapsedTimeMs();
            long caughtUp = nextIndices[i] >= leaderLogEnd ? lastFetch : UNKNOWN;
            voters.put(followerId, new QuorumState.VoterState(followerId, nextIndices[i], lastFetch, caughtUp));
        }
    }
}
