package io.tributary.coordinator.group.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupRecordSerdeTest {

    private final GroupRecordSerde serde = GroupRecordSerde.withClassicTypes();

    @Test
    void offsetCommitRecordRoundTrips() {
        // given
        GroupRecord record = new GroupRecord(new OffsetCommitKey("g", "orders", 4),
                new OffsetCommitValue(42, 3, "meta", 1000, -1));

        // when
        GroupRecord decoded = roundTrip(record);

        // then
        assertThat(decoded).isEqualTo(record);
    }

    @Test
    void groupMetadataRecordRoundTripsWithNullableFields() {
        // given
        GroupMetadataValue.MemberMetadata member = new GroupMetadataValue.MemberMetadata("m-1", null, "client",
                "/127.0.0.1", 30000, 10000, new byte[] {1, 2}, new byte[] {3});
        GroupRecord record = new GroupRecord(new GroupMetadataKey("g"),
                new GroupMetadataValue("consumer", 5, "range", "m-1", 777, List.of(member)));

        // when
        GroupMetadataValue decoded = (GroupMetadataValue) roundTrip(record).value();

        // then
        assertThat(decoded.generation()).isEqualTo(5);
        assertThat(decoded.members()).singleElement().satisfies(m -> {
            assertThat(m.groupInstanceId()).isNull();
            assertThat(m.subscription()).containsExactly(1, 2);
            assertThat(m.assignment()).containsExactly(3);
        });
    }

    @Test
    void tombstonesAndUnknownTypes() {
        // given
        GroupRecord tombstone = GroupRecord.tombstone(new GroupMetadataKey("g"));
        byte[] unknownKey = new FieldWriter().writeShort((short) 99).writeString("x").toByteArray();

        // when / then
        assertThat(serde.serializeValue(tombstone)).isNull();
        assertThat(roundTrip(tombstone).isTombstone()).isTrue();
        assertThat(serde.deserialize(ByteBuffer.wrap(unknownKey), null)).isNull();
    }

    private GroupRecord roundTrip(GroupRecord record) {
        byte[] value = serde.serializeValue(record);
        return serde.deserialize(ByteBuffer.wrap(serde.serializeKey(record)),
                value == null ? null : ByteBuffer.wrap(value));
    }
}
