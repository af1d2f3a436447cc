package io.tributary.console.session;

/**
 * A session or login the console refuses, with the HTTP status and error code the API answers. Its own type, not the
 * API's {@code HttpError}, so that sessions do not depend on the HTTP layer that depends on them.
 */
public final class SessionRefused extends RuntimeException {

    private final int status;
    private final String code;

    public SessionRefused(int status, String message, String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The error code for the page (e.g. SASL_AUTHENTICATION_FAILED), or null. */
    public String code() {
        return code;
    }
}
