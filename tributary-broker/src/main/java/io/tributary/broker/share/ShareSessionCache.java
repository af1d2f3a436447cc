package io.tributary.broker.share;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The share sessions of this broker, one per (group, member), at most {@code group.share.max.share.sessions};
 * when full, sessions idle for longer than the idle limit make room (their records are released).
 */
final class ShareSessionCache {

    record Key(String groupId, String memberId) {
    }

    private final Map<Key, ShareSession> sessions = new ConcurrentHashMap<>();
    private final int maxSessions;
    private final long idleLimitMs;

    ShareSessionCache(int maxSessions, long idleLimitMs) {
        this.maxSessions = maxSessions;
        this.idleLimitMs = idleLimitMs;
    }

    ShareSession get(String groupId, String memberId) {
        return sessions.get(new Key(groupId, memberId));
    }

    /**
     * Opens a session (replacing the member's previous one; idle sessions dropped to make room are returned in
     * {@code evicted}); null when the cache is
     * full even after dropping idle sessions (SHARE_SESSION_LIMIT_REACHED).
     */
    synchronized ShareSession open(String groupId, String memberId, long nowMs, List<ShareSession> evicted) {
        Key key = new Key(groupId, memberId);
        sessions.remove(key); // the member starts over; what it holds stays acquired until acknowledged or expired
        if (sessions.size() >= maxSessions) {
            for (ShareSession idle : new ArrayList<>(sessions.values())) {
                if (nowMs - idle.lastUsedMs > idleLimitMs) {
                    sessions.remove(new Key(idle.groupId, idle.memberId));
                    evicted.add(idle);
                }
            }
            if (sessions.size() >= maxSessions) {
                return null;
            }
        }
        ShareSession session = new ShareSession(groupId, memberId, nowMs);
        session.epoch = ShareSession.nextEpoch(0); // what the member's next request carries
        sessions.put(key, session);
        return session;
    }

    ShareSession remove(String groupId, String memberId) {
        return sessions.remove(new Key(groupId, memberId));
    }
}
