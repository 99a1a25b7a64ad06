package org.rappel.admin;

import static org.rappel.admin.ApiRole.ADMIN;
import static org.rappel.admin.ApiRole.AGENT;
import static org.rappel.admin.ApiRole.PORTAL;
import static org.rappel.admin.ApiRole.SUPERVISOR;
import static org.rappel.admin.ApiRole.VIEWER;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rappel.callback.CallbackDesk;
import org.rappel.queue.ContactCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api}: every endpoint, with the roles it lets in. Add the list next to the health and
 * metrics routes of the {@link AdminHttpServer}.
 *
 * <table>
 *   <caption>Endpoints and roles (admin may do everything)</caption>
 *   <tr><th>endpoint</th><th>roles</th></tr>
 *   <tr><td>GET /api/queues, GET /api/agents</td><td>viewer, supervisor</td></tr>
 *   <tr><td>GET /api/agents/{id}</td><td>viewer, supervisor, agent (its own)</td></tr>
 *   <tr><td>POST /api/agents/{id}/login, /logout, /pause, /unpause</td><td>supervisor, agent (its own)</td></tr>
 *   <tr><td>POST /api/callbacks, DELETE /api/callbacks/{id}</td><td>portal, supervisor</td></tr>
 *   <tr><td>GET /api/callbacks/{id}, GET /api/services/{service}/slots</td><td>viewer, portal, supervisor</td></tr>
 * </table>
 */
public final class ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

    private ApiRoutes() {
    }

    /**
     * @param settings the tokens; with none every request gets 401 (call {@link ApiSettings#withGeneratedTokenIfNone}
     *                 first to have one)
     * @param clock    today's date for the slots' default {@code from} (in the clock's zone)
     */
    public static List<HttpRoute> create(ApiSettings settings, ContactCenter center, CallbackDesk desk,
                                         MeterRegistry registry, Clock clock) {
        if (settings.tokens().isEmpty()) {
            log.warn("API: no token configured: every /api request will be refused (401)");
        } else {
            log.info("API: {} token(s): {}", settings.tokens().size(), settings.tokens().stream()
                    .map(t -> t.name() + " (" + t.role().code() + ")").toList());
        }
        ApiAuthenticator auth = new ApiAuthenticator(settings.tokens(), registry);
        AgentApi agents = new AgentApi(center, settings.maxBodyBytes());
        CallbackApi callbacks = new CallbackApi(desk, clock, settings.maxBodyBytes());
        Set<ApiRole> read = Set.of(VIEWER, SUPERVISOR, ADMIN);
        Set<ApiRole> ownAgent = Set.of(AGENT, SUPERVISOR, ADMIN);
        Set<ApiRole> readOwnAgent = Set.of(VIEWER, AGENT, SUPERVISOR, ADMIN);
        Set<ApiRole> book = Set.of(PORTAL, SUPERVISOR, ADMIN);
        Set<ApiRole> readCallbacks = Set.of(VIEWER, PORTAL, SUPERVISOR, ADMIN);

        List<HttpRoute> routes = new ArrayList<>();
        routes.add(new ApiEndpoint(HttpMethod.GET, "/api/queues", read, auth, agents::queues));
        routes.add(new ApiEndpoint(HttpMethod.GET, "/api/agents", read, auth, agents::list));
        routes.add(new ApiEndpoint(HttpMethod.GET, "/api/agents/{id}", readOwnAgent, auth, agents::get));
        routes.add(new ApiEndpoint(HttpMethod.POST, "/api/agents/{id}/login", ownAgent, auth, agents::login));
        routes.add(new ApiEndpoint(HttpMethod.POST, "/api/agents/{id}/logout", ownAgent, auth, agents::logout));
        routes.add(new ApiEndpoint(HttpMethod.POST, "/api/agents/{id}/pause", ownAgent, auth, agents::pause));
        routes.add(new ApiEndpoint(HttpMethod.POST, "/api/agents/{id}/unpause", ownAgent, auth, agents::unpause));
        routes.add(new ApiEndpoint(HttpMethod.POST, "/api/callbacks", book, auth, callbacks::request));
        routes.add(new ApiEndpoint(HttpMethod.GET, "/api/callbacks/{id}", readCallbacks, auth, callbacks::find));
        routes.add(new ApiEndpoint(HttpMethod.DELETE, "/api/callbacks/{id}", book, auth, callbacks::cancel));
        routes.add(new ApiEndpoint(HttpMethod.GET, "/api/services/{service}/slots", readCallbacks, auth,
                callbacks::slots));
        return List.copyOf(routes);
    }
}
