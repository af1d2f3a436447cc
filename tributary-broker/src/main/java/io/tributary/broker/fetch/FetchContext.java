package io.tributary.broker.fetch;

import java.util.List;
import org.apache.kafka.common.message.FetchResponseData;

/** A fetch as resolved against the session cache: what to read, and how to shape the answer. */
interface FetchContext {

    List<FetchTarget> targets();

    /** Builds the response from the final reads; session state is updated here and only here. */
    FetchResponseData buildResponse(List<PartitionRead> reads);
}
