package io.tributary.console.transactions;

import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.Router;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.KafkaFuture;

/**
 * {@code GET /transactions}: every transactional id the coordinators hold and the user may describe (ListTransactions
 * to every broker), described in one batched DescribeTransactions; open transactions first, oldest first, then the
 * completed ones (CompleteCommit, CompleteAbort, Empty) that the coordinators still keep, by id.
 */
public final class TransactionsRoutes {

    /** States in which a transaction is open: it holds back read_committed consumers. */
    private static final Set<TransactionState> OPEN = Set.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private TransactionsRoutes() {
    }

    public static void register(Router router) {
        router.get("/transactions", request -> Map.of("transactions", list(request.admin())));
    }

    static List<Map<String, Object>> list(Admin admin) throws ExecutionException, InterruptedException {
        Collection<TransactionListing> listings = AdminFutures.await(admin.listTransactions().all());
        Map<String, KafkaFuture<TransactionDescription>> described = new LinkedHashMap<>();
        if (!listings.isEmpty()) {
            var result = admin.describeTransactions(listings.stream().map(TransactionListing::transactionalId)
                    .toList());
            listings.forEach(l -> described.put(l.transactionalId(), result.description(l.transactionalId())));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TransactionListing listing : listings) {
            // a description may fail (the id expired in between): the listing's facts are still worth showing
            TransactionDescription d = AdminFutures.awaitOrNull(described.get(listing.transactionalId()));
            TransactionState state = d == null ? listing.state() : d.state();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("transactionalId", listing.transactionalId());
            row.put("state", state.toString());
            row.put("open", OPEN.contains(state));
            row.put("producerId", d == null ? listing.producerId() : d.producerId());
            row.put("producerEpoch", d == null ? null : d.producerEpoch());
            row.put("timeoutMs", d == null ? null : d.transactionTimeoutMs());
            row.put("transactionStartTimeMs", d == null || d.transactionStartTimeMs().isEmpty() ? null
                    : d.transactionStartTimeMs().getAsLong());
            row.put("topicPartitions", d == null ? List.of() : d.topicPartitions().stream()
                    .sorted(Comparator.comparing(org.apache.kafka.common.TopicPartition::topic)
                            .thenComparingInt(org.apache.kafka.common.TopicPartition::partition))
                    .map(tp -> Map.of("topic", tp.topic(), "partition", tp.partition())).toList());
            row.put("coordinator", d == null ? null : d.coordinatorId());
            rows.add(row);
        }
        rows.sort(ORDER);
        return rows;
    }

    private static final Comparator<Map<String, Object>> ORDER = Comparator
            .comparing((Map<String, Object> r) -> !(Boolean) r.get("open"))
            .thenComparing(r -> (Long) r.get("transactionStartTimeMs"),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> (String) r.get("transactionalId"));
}
