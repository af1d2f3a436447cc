package io.tributary.coordinator.group.classic;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;

/** Builds classic protocol responses, successful or not. */
public final class ClassicResponses {

    private ClassicResponses() {
    }

    /** Valid at every version: the protocol name is "" (non-nullable before v7, ignored by clients on error). */
    public static JoinGroupResponseData joinError(String memberId, Errors error) {
        return new JoinGroupResponseData()
                .setErrorCode(error.code())
                .setGenerationId(-1)
                .setMemberId(memberId == null ? "" : memberId)
                .setLeader("")
                .setProtocolName("");
    }

    /** The JoinGroup answer of the current generation; only the leader gets the members' metadata. */
    static JoinGroupResponseData join(ClassicGroup group, ClassicGroupMember member, boolean skipAssignment) {
        boolean leader = group.isLeader(member.memberId());
        List<JoinGroupResponseData.JoinGroupResponseMember> members = new ArrayList<>();
        if (leader) {
            for (ClassicGroupMember each : group.members()) {
                members.add(new JoinGroupResponseData.JoinGroupResponseMember()
                        .setMemberId(each.memberId())
                        .setGroupInstanceId(each.groupInstanceId())
                        .setMetadata(each.metadata(group.protocolName())));
            }
        }
        return new JoinGroupResponseData()
                .setErrorCode(Errors.NONE.code())
                .setGenerationId(group.generationId())
                .setProtocolType(group.protocolTypeOrNull())
                .setProtocolName(group.protocolName())
                .setLeader(group.leaderId())
                .setSkipAssignment(skipAssignment)
                .setMemberId(member.memberId())
                .setMembers(members);
    }

    public static SyncGroupResponseData syncError(Errors error) {
        return new SyncGroupResponseData().setErrorCode(error.code()).setAssignment(new byte[0]);
    }

    static SyncGroupResponseData sync(ClassicGroup group, byte[] assignment) {
        return new SyncGroupResponseData()
                .setErrorCode(Errors.NONE.code())
                .setProtocolType(group.protocolTypeOrNull())
                .setProtocolName(group.protocolName())
                .setAssignment(assignment);
    }

    public static HeartbeatResponseData heartbeat(Errors error) {
        return new HeartbeatResponseData().setErrorCode(error.code());
    }

    public static LeaveGroupResponseData leaveError(Errors error) {
        return new LeaveGroupResponseData().setErrorCode(error.code());
    }
}
