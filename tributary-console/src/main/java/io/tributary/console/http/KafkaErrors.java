package io.tributary.console.http;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.protocol.Errors;

/** Maps what a Kafka client threw to the console's HTTP answer, keeping Kafka's error name for the page. */
public final class KafkaErrors {

    private KafkaErrors() {
    }

    public static HttpError toHttp(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof HttpError http) {
            return http;
        }
        if (!(e instanceof ApiException api)) {
            return new HttpError(500, String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        }
        String code = Errors.forException(api).name();
        int status;
        if (api instanceof AuthenticationException) {
            status = 401;
        } else if (api instanceof AuthorizationException) {
            status = 403;
        } else if (api instanceof UnknownTopicOrPartitionException || api instanceof GroupIdNotFoundException) {
            status = 404;
        } else if (api instanceof TopicExistsException || api instanceof GroupNotEmptyException) {
            status = 409;
        } else if (api instanceof InvalidTopicException || api instanceof InvalidPartitionsException
                || api instanceof InvalidReplicationFactorException || api instanceof InvalidConfigurationException
                || api instanceof InvalidRequestException || api instanceof PolicyViolationException
                || api instanceof SecurityDisabledException) {
            status = 400;
        } else if (api instanceof TimeoutException) {
            status = 504;
        } else {
            status = 502;
        }
        return new HttpError(status, api.getMessage() == null ? code : api.getMessage(), code);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
