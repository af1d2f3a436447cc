package io.tributary.network.security;

import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.scram.ScramCredentialCallback;

/**
 * Answers kafka-clients' SCRAM server with the credential of the user it names, from a {@link ScramCredentialStore}.
 * Delegation tokens are not supported, so their callback is refused (the exchange then fails as for a bad user).
 */
final class ScramCredentialCallbackHandler implements AuthenticateCallbackHandler {

    private final ScramCredentialStore store;
    private String mechanism;

    ScramCredentialCallbackHandler(ScramCredentialStore store) {
        this.store = store;
    }

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasEntries) {
        this.mechanism = saslMechanism;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        String user = null;
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback name) {
                user = name.getDefaultName();
            } else if (callback instanceof ScramCredentialCallback credential) {
                credential.scramCredential(user == null ? null : store.credential(user, mechanism));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
    }
}
