package io.tributary.coordinator.transaction;

import io.tributary.coordinator.transaction.state.TransactionState;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;

/** Reads ListTransactions filters by version; unknown state names are reported back, as Kafka does. */
final class ListTransactionsFilters {

    private ListTransactionsFilters() {
    }

    /** @throws IllegalArgumentException for an invalid transactional id pattern (v2) */
    static TransactionAdmin.ListFilter parse(short version, ListTransactionsRequestData request,
                                             ListTransactionsResponseData response) {
        Set<TransactionState> states = new HashSet<>();
        for (String name : request.stateFilters()) {
            Optional<TransactionState> state = TransactionState.fromDisplayName(name);
            if (state.isPresent()) {
                states.add(state.get());
            } else {
                response.unknownStateFilters().add(name);
            }
        }
        long minDurationMs = version >= 1 ? request.durationFilter() : -1L;
        Pattern pattern = null;
        String regex = version >= 2 ? request.transactionalIdPattern() : null;
        if (regex != null && !regex.isEmpty()) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }
        // Asked only for states unknown here: nothing can match.
        Set<TransactionState> stateFilter = request.stateFilters().isEmpty() ? null : states;
        return new TransactionAdmin.ListFilter(stateFilter, new HashSet<>(request.producerIdFilters()), minDurationMs,
                pattern);
    }
}
