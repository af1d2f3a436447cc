package io.tributary.broker.scram;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.ScramCredentialData;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData.UserName;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData.CredentialInfo;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeUserScramCredentialsRequest;
import org.apache.kafka.common.requests.DescribeUserScramCredentialsResponse;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;

/**
 * DescribeUserScramCredentials from this broker's metadata image, as Kafka's brokers answer it: every user when the
 * request names none, else each named user (RESOURCE_NOT_FOUND for one without credentials, DUPLICATE_RESOURCE for
 * a name given twice). Only mechanisms and iteration counts are shown, never salts or keys.
 */
public final class DescribeUserScramCredentialsHandler implements ApiHandler<DescribeUserScramCredentialsRequest> {

    private final Supplier<MetadataImage> image;

    public DescribeUserScramCredentialsHandler(Supplier<MetadataImage> image) {
        this.image = image;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeUserScramCredentialsRequest request) {
        Map<String, Map<String, ScramCredentialData>> all = image.get().scram().byUser();
        DescribeUserScramCredentialsResponseData response = new DescribeUserScramCredentialsResponseData();
        List<UserName> users = request.data().users();
        if (users == null || users.isEmpty()) {
            new TreeMap<>(all).forEach((user, credentials) -> response.results().add(result(user, credentials)));
            return Responses.completed(new DescribeUserScramCredentialsResponse(response));
        }
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (UserName user : users) {
            if (!seen.add(user.name())) {
                duplicated.add(user.name());
            }
        }
        Set<String> answered = new HashSet<>();
        for (UserName user : users) {
            String name = user.name();
            if (!answered.add(name)) {
                continue;
            }
            if (duplicated.contains(name)) {
                response.results().add(error(name, Errors.DUPLICATE_RESOURCE,
                        "Cannot describe SCRAM credentials for the same user twice in a single request: " + name));
            } else if (!all.containsKey(name)) {
                response.results().add(error(name, Errors.RESOURCE_NOT_FOUND,
                        "Attempt to describe a user credential that does not exist: " + name));
            } else {
                response.results().add(result(name, all.get(name)));
            }
        }
        return Responses.completed(new DescribeUserScramCredentialsResponse(response));
    }

    private static DescribeUserScramCredentialsResult result(String user, Map<String, ScramCredentialData> byMechanism) {
        List<CredentialInfo> infos = new ArrayList<>();
        new TreeMap<>(byMechanism).forEach((mechanism, credential) -> infos.add(new CredentialInfo()
                .setMechanism(ScramMechanism.forMechanismName(mechanism).type())
                .setIterations(credential.iterations())));
        return new DescribeUserScramCredentialsResult().setUser(user).setErrorCode(Errors.NONE.code())
                .setCredentialInfos(infos);
    }

    private static DescribeUserScramCredentialsResult error(String user, Errors error, String message) {
        return new DescribeUserScramCredentialsResult().setUser(user).setErrorCode(error.code())
                .setErrorMessage(message);
    }
}
