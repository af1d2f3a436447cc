package io.tributary.coordinator.group.classic;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;

/** A member of a classic group, with the JoinGroup / SyncGroup calls it has waiting, if any. */
public final class ClassicGroupMember {

    /** One protocol a member supports, in its order of preference. */
    public record Protocol(String name, byte[] metadata) {
    }

    private static final byte[] EMPTY = new byte[0];

    private String memberId;
    private final String groupInstanceId;
    private final String clientId;
    private final String clientHost;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private List<Protocol> protocols;
    private byte[] assignment = EMPTY;
    private CompletableFuture<JoinGroupResponseData> awaitingJoin;
    private CompletableFuture<SyncGroupResponseData> awaitingSync;

    public ClassicGroupMember(String memberId, String groupInstanceId, String clientId, String clientHost,
                              int rebalanceTimeoutMs, int sessionTimeoutMs, List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    public String memberId() {
        return memberId;
    }

    void setMemberId(String memberId) {
        this.memberId = memberId;
    }

    public String groupInstanceId() {
        return groupInstanceId;
    }

    public boolean isStatic() {
        return groupInstanceId != null;
    }

    public String clientId() {
        return clientId;
    }

    public String clientHost() {
        return clientHost;
    }

    public int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    public int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    public List<Protocol> protocols() {
        return protocols;
    }

    public boolean supports(String protocolName) {
        return protocols.stream().anyMatch(p -> p.name().equals(protocolName));
    }

    /** The member's metadata for {@code protocolName}, empty if it does not support it. */
    public byte[] metadata(String protocolName) {
        return protocols.stream().filter(p -> p.name().equals(protocolName)).map(Protocol::metadata)
                .findFirst().orElse(EMPTY);
    }

    public boolean hasSameProtocols(List<Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            Protocol mine = protocols.get(i);
            Protocol theirs = other.get(i);
            if (!mine.name().equals(theirs.name()) || !Arrays.equals(mine.metadata(), theirs.metadata())) {
                return false;
            }
        }
        return true;
    }

    void update(int rebalanceTimeoutMs, int sessionTimeoutMs, List<Protocol> protocols) {
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    public byte[] assignment() {
        return assignment;
    }

    void setAssignment(byte[] assignment) {
        this.assignment = assignment == null ? EMPTY : assignment;
    }

    public boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    public boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    void awaitJoin(CompletableFuture<JoinGroupResponseData> future) {
        this.awaitingJoin = future;
    }

    void awaitSync(CompletableFuture<SyncGroupResponseData> future) {
        this.awaitingSync = future;
    }

    /** Answers the waiting JoinGroup, if any; returns whether there was one. */
    boolean completeJoin(JoinGroupResponseData response) {
        CompletableFuture<JoinGroupResponseData> future = awaitingJoin;
        awaitingJoin = null;
        return future != null && future.complete(response);
    }

    boolean completeSync(SyncGroupResponseData response) {
        CompletableFuture<SyncGroupResponseData> future = awaitingSync;
        awaitingSync = null;
        return future != null && future.complete(response);
    }
}
