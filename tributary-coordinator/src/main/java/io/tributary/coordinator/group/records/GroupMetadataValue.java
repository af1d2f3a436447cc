package io.tributary.coordinator.group.records;

import java.util.ArrayList;
import java.util.List;

/**
 * A classic group as of its last completed generation.
 *
 * @param protocolType          null for a group that only committed offsets
 * @param protocol              the selected protocol, null when the group is empty
 * @param currentStateTimestamp when the group entered its current state (offset expiration counts from it)
 */
public record GroupMetadataValue(String protocolType, int generation, String protocol, String leader,
                                 long currentStateTimestamp, List<MemberMetadata> members) implements RecordValue {

    static final short VERSION = 0;

    /** One member and what it runs in this generation. */
    public record MemberMetadata(String memberId, String groupInstanceId, String clientId, String clientHost,
                                 int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] subscription,
                                 byte[] assignment) {
    }

    static GroupMetadataValue read(FieldReader in, short version) {
        String protocolType = in.readString();
        int generation = in.readInt();
        String protocol = in.readString();
        String leader = in.readString();
        long currentStateTimestamp = in.readLong();
        int count = in.readInt();
        List<MemberMetadata> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new MemberMetadata(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readInt(), in.readInt(), in.readBytes(), in.readBytes()));
        }
        return new GroupMetadataValue(protocolType, generation, protocol, leader, currentStateTimestamp, members);
    }

    @Override
    public short version() {
        return VERSION;
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.writeString(protocolType).writeInt(generation).writeString(protocol).writeString(leader)
                .writeLong(currentStateTimestamp).writeInt(members.size());
        for (MemberMetadata member : members) {
            out.writeString(member.memberId()).writeString(member.groupInstanceId()).writeString(member.clientId())
                    .writeString(member.clientHost()).writeInt(member.rebalanceTimeoutMs())
                    .writeInt(member.sessionTimeoutMs()).writeBytes(member.subscription())
                    .writeBytes(member.assignment());
        }
    }
}
