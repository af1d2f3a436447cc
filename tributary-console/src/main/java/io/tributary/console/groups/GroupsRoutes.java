package io.tributary.console.groups;

import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.Router;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.GroupListing;

/**
 * The groups pages' API: the list with total lag, one group's members, offsets and lag, resetting its offsets
 * (a dry run works in read-only mode) and deleting it. Every call goes through the session's Admin client, so the
 * broker applies the user's ACLs.
 */
public final class GroupsRoutes {

    private GroupsRoutes() {
    }

    /** @param readOnly {@code tributary.console.read.only}: a reset's dry run still works, executing it does not */
    public static void register(Router router, boolean readOnly) {
        router.get("/groups", request -> GroupList.list(request.admin()));
        router.get("/groups/{group}", request -> GroupDetails.describe(request.admin(), request.path("group")));
        router.postReading("/groups/{group}/reset-offsets", request -> OffsetReset.reset(request.admin(),
                request.path("group"), request.body(), readOnly));
        router.delete("/groups/{group}", request -> {
            String groupId = request.path("group");
            GroupListing listing = GroupDetails.listing(request.admin(), groupId);
            if (GroupKind.of(listing) == GroupKind.SHARE) {
                AdminFutures.await(request.admin().deleteShareGroups(List.of(groupId)).all());
            } else {
                AdminFutures.await(request.admin().deleteConsumerGroups(List.of(groupId)).all());
            }
            return Map.of("deleted", groupId);
        });
    }
}
