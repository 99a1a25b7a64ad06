package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.rappel.queue.AgentView;
import org.rappel.queue.ContactCenter;

/**
 * The contact-center endpoints: agents (read, log in, log out, pause, unpause) and the queues. Each command goes to
 * the {@link ContactCenter} and the answer is written when its future completes, back on the event loop.
 * An agent token acts on its own agent only (403 for another); the answer of a command is the agent as it stands
 * after it (a pause asked during a call shows {@code afterCall: pause}).
 */
final class AgentApi {
    static final int MAX_PAUSE_REASON = 100;
    static final int DEFAULT_QUEUE_LIMIT = 1000;
    static final int MAX_QUEUE_LIMIT = 100_000;

    private final ContactCenter center;
    private final int maxBodyBytes;

    AgentApi(ContactCenter center, int maxBodyBytes) {
        this.center = center;
        this.maxBodyBytes = maxBodyBytes;
    }

    CompletionStage<FullHttpResponse> list(ApiRequest request) {
        return center.snapshot().thenApplyAsync(
                snapshot -> HttpResponses.json(HttpResponseStatus.OK, ApiViews.agents(snapshot.agents())),
                request.loop());
    }

    /**
     * The queues, each line cut to its first {@code ?limit=} contacts (default {@value #DEFAULT_QUEUE_LIMIT}, at most
     * {@value #MAX_QUEUE_LIMIT}): the JSON is written on the event loop, and ten thousand waiting contacts are
     * 800 KB and some 15 ms of it, which a wallboard polling every second should not cost by default.
     */
    CompletionStage<FullHttpResponse> queues(ApiRequest request) {
        int limit = request.exchange().query("limit").map(AgentApi::limit).orElse(DEFAULT_QUEUE_LIMIT);
        return center.snapshot().thenApplyAsync(
                snapshot -> HttpResponses.json(HttpResponseStatus.OK, ApiViews.queues(snapshot, limit)),
                request.loop());
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 0 && limit <= MAX_QUEUE_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalid("query parameter 'limit' must be a whole number from 0 to " + MAX_QUEUE_LIMIT
                + ", was '" + text + "'");
    }

    CompletionStage<FullHttpResponse> get(ApiRequest request) {
        return command(request, Set.of(), false, center::agent);
    }

    CompletionStage<FullHttpResponse> login(ApiRequest request) {
        return command(request, Set.of(), true, center::login);
    }

    CompletionStage<FullHttpResponse> logout(ApiRequest request) {
        return command(request, Set.of(), true, center::logout);
    }

    CompletionStage<FullHttpResponse> unpause(ApiRequest request) {
        return command(request, Set.of(), true, center::unpause);
    }

    CompletionStage<FullHttpResponse> pause(ApiRequest request) {
        String id = ownAgent(request);
        JsonBody body = JsonBody.read(request.exchange().request(), maxBodyBytes, true, Set.of("reason"));
        String reason = body.requiredString("reason", MAX_PAUSE_REASON);
        return answer(request, center.pause(id, reason));
    }

    /** A command whose body, if any, must be an empty object: a typo'd field is not silently ignored. */
    private CompletionStage<FullHttpResponse> command(ApiRequest request, Set<String> fields, boolean readBody,
                                                      Function<String, CompletableFuture<AgentView>> command) {
        String id = ownAgent(request);
        if (readBody) {
            JsonBody.read(request.exchange().request(), maxBodyBytes, false, fields);
        }
        return answer(request, command.apply(id));
    }

    private static CompletionStage<FullHttpResponse> answer(ApiRequest request, CompletableFuture<AgentView> agent) {
        return agent.thenApplyAsync(view -> HttpResponses.json(HttpResponseStatus.OK, ApiViews.agent(view)),
                request.loop());
    }

    /** The agent of the path; an agent token may only name its own. */
    private static String ownAgent(ApiRequest request) {
        String id = request.pathParam("id");
        ApiCaller caller = request.caller();
        if (caller.role() == ApiRole.AGENT && !caller.agent().map(id::equals).orElse(false)) {
            throw new ApiError(HttpResponseStatus.FORBIDDEN, "forbidden",
                    "an agent token may only act on its own agent");
        }
        return id;
    }
}
