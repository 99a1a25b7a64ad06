package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.rappel.queue.ContactCenterException;

/**
 * One REST API endpoint: checks the token and the role, runs its handler, and turns every refusal into the JSON
 * error of the right status, on the connection's event loop.
 *
 * <p>Order of checks: the token (401 with {@code WWW-Authenticate: Bearer}), then the role (403), then the
 * handler's own checks of the request (400, 413, 415, 404...). Errors of the contact center map as its class
 * comment asks: unknown agent, service or contact 404; duplicate or wrong state 409; overloaded 503.
 */
final class ApiEndpoint implements HttpRoute {

    /** What an endpoint does once the caller is let in; returns a stage, and continues on {@code loop}. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<FullHttpResponse> handle(ApiRequest request);
    }

    private final HttpMethod method;
    private final String path;
    private final Set<ApiRole> roles;
    private final ApiAuthenticator authenticator;
    private final Handler handler;

    ApiEndpoint(HttpMethod method, String path, Set<ApiRole> roles, ApiAuthenticator authenticator, Handler handler) {
        this.method = method;
        this.path = path;
        this.roles = Set.copyOf(roles);
        this.authenticator = authenticator;
        this.handler = handler;
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    Set<ApiRole> roles() {
        return roles;
    }

    @Override
    public CompletionStage<FullHttpResponse> handle(HttpExchange exchange) {
        ApiAuthenticator.Outcome outcome = authenticator.authenticate(exchange.request().headers());
        if (outcome instanceof ApiAuthenticator.Refused refused) {
            FullHttpResponse response = HttpResponses.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized",
                    refused.message());
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, refused.reason().equals("missing")
                    ? "Bearer realm=\"rappel\""
                    : "Bearer realm=\"rappel\", error=\"invalid_token\"");
            return CompletableFuture.completedFuture(response);
        }
        ApiCaller caller = ((ApiAuthenticator.Known) outcome).caller();
        if (!roles.contains(caller.role())) {
            authenticator.forbidden();
            return CompletableFuture.completedFuture(HttpResponses.error(HttpResponseStatus.FORBIDDEN, "forbidden",
                    "a " + caller.role().code() + " token may not " + method + " " + path));
        }
        ApiRequest request = new ApiRequest(exchange, caller);
        CompletionStage<FullHttpResponse> stage;
        try {
            stage = handler.handle(request);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.handleAsync((response, failure) -> {
            if (failure == null) {
                return response;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof ApiError error) {
                if (error.status().equals(HttpResponseStatus.FORBIDDEN)) {
                    authenticator.forbidden();
                }
                return error.response();
            }
            if (cause instanceof ContactCenterException refused) {
                return contactCenterError(refused);
            }
            throw new CompletionException(cause); // a fault: the server logs it and answers 500
        }, exchange.eventLoop());
    }

    static FullHttpResponse contactCenterError(ContactCenterException e) {
        if (e instanceof ContactCenterException.UnknownAgent) {
            return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "unknown_agent", e.getMessage());
        }
        if (e instanceof ContactCenterException.UnknownService) {
            return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "unknown_service", e.getMessage());
        }
        if (e instanceof ContactCenterException.UnknownContact) {
            return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "unknown_contact", e.getMessage());
        }
        if (e instanceof ContactCenterException.Overloaded) {
            FullHttpResponse response = HttpResponses.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded",
                    e.getMessage());
            response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            return response;
        }
        if (e instanceof ContactCenterException.IllegalAgentState) {
            return HttpResponses.error(HttpResponseStatus.CONFLICT, "agent_state", e.getMessage());
        }
        return HttpResponses.error(HttpResponseStatus.CONFLICT, "conflict", e.getMessage());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
