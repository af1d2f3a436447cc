package io.tributary.coordinator.group.records;

/**
 * A committed offset.
 *
 * @param leaderEpoch     -1 when the client gave none
 * @param expireTimestamp -1 unless the commit asked for its own retention (OffsetCommit v2-v4)
 */
public record OffsetCommitValue(long offset, int leaderEpoch, String metadata, long commitTimestamp,
                                long expireTimestamp) implements RecordValue {

    static final short VERSION = 0;

    static OffsetCommitValue read(FieldReader in, short version) {
        return new OffsetCommitValue(in.readLong(), in.readInt(), in.readString(), in.readLong(), in.readLong());
    }

    @Override
    public short version() {
        return VERSION;
    }

    @Override
    public void writeFields(FieldWriter out) {
        out.writeLong(offset).writeInt(leaderEpoch).writeString(metadata).writeLong(commitTimestamp)
                .writeLong(expireTimestamp);
    }
}
