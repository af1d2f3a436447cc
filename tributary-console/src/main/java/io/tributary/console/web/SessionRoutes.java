package io.tributary.console.web;

import io.tributary.console.ConsoleSettings;
import io.tributary.console.http.Router;
import io.tributary.console.session.ConsoleSession;
import io.tributary.console.session.Sessions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /session} (who am I, the CSRF token, whether login is needed and the console read-only),
 * {@code POST /login} and {@code POST /logout}.
 */
final class SessionRoutes {

    private SessionRoutes() {
    }

    static void register(Router router, Sessions sessions, ConsoleSettings settings) {
        router.get("/session", request -> describe(request.session(), settings));
        router.postReading("/login", request -> {
            var body = request.body();
            ConsoleSession session = sessions.login(body.path("username").asText(null),
                    body.path("password").asText(null));
            ApiDispatcher.setSessionCookie(request.exchange(), session);
            return describe(session, settings);
        });
        router.postReading("/logout", request -> {
            if (request.session() != null) {
                sessions.end(request.session().id());
            }
            ApiDispatcher.clearSessionCookie(request.exchange());
            return Map.of("loggedOut", true);
        });
    }

    static Map<String, Object> describe(ConsoleSession session, ConsoleSettings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loginRequired", settings.loginRequired());
        out.put("authenticated", session != null && session.authenticated());
        out.put("user", session == null ? null : session.principal().getName());
        out.put("principal", session == null ? null : session.principal().toString());
        out.put("csrfToken", session == null ? null : session.csrfToken());
        out.put("readOnly", settings.readOnly());
        return out;
    }
}
