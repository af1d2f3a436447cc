package io.tributary.console.http;

/** A request the console refuses: an HTTP status, a message for the page and, where it came from Kafka, its error name. */
public final class HttpError extends RuntimeException {

    private final int status;
    private final String code;

    public HttpError(int status, String message) {
        this(status, message, null);
    }

    public HttpError(int status, String message, String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    public int status() {
        return status;
    }

    /** Kafka's error name (e.g. TOPIC_AUTHORIZATION_FAILED), or null. */
    public String code() {
        return code;
    }
}
