package org.rappel.admin;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.rappel.callback.CallbackAsk;
import org.rappel.callback.CallbackDesk;
import org.rappel.callback.CallbackReply;
import org.rappel.store.ChannelOrigin;

/**
 * The callback endpoints of the web portal and the supervisors, all through the {@link CallbackDesk}, so a web
 * request meets the same numbering plan, rate limits, one-per-number rule and slot capacity as a phone one.
 *
 * <p>Statuses: a new callback 201 (with {@code Location}); a request that updated the active callback of the same
 * number and service 200 with {@code "updated": true} (nothing new was created, and the portal should tell the
 * citizen their earlier request now has these details). Each {@link org.rappel.callback.CallbackRefusal} maps to
 * one status, see {@link #refusal}.
 */
final class CallbackApi {
    static final int MAX_DAYS = 31;
    static final int DEFAULT_DAYS = 7;
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z]{2})?");
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final Set<String> REQUEST_FIELDS =
            Set.of("service", "number", "language", "slot", "context", "requestedBy");

    private final CallbackDesk desk;
    private final Clock clock;
    private final int maxBodyBytes;

    CallbackApi(CallbackDesk desk, Clock clock, int maxBodyBytes) {
        this.desk = desk;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    CompletionStage<FullHttpResponse> request(ApiRequest request) {
        JsonBody body = JsonBody.read(request.exchange().request(), maxBodyBytes, true, REQUEST_FIELDS);
        String service = body.requiredString("service", 64);
        String number = body.requiredString("number", 32);
        String language = body.optionalString("language", 8).orElse("fr");
        if (!LANGUAGE.matcher(language).matches()) {
            throw ApiError.invalid("field 'language' must be a language code such as fr or en, was '" + language + "'");
        }
        Optional<Instant> slot = body.optionalString("slot", 40).map(CallbackApi::instant);
        Map<String, String> context = body.optionalStringMap("context", 20, 64, 256);
        Optional<String> requestedBy = body.optionalString("requestedBy", 64);
        if (requestedBy.isPresent() && !CLIENT_ID.matcher(requestedBy.get()).matches()) {
            throw ApiError.invalid("field 'requestedBy' may hold only letters, digits and . _ : @ -");
        }
        // Rate limits count per calling line: the portal's own client id when it gives one (a session, a hashed
        // address), else the token, so that one flooding client is slowed without stopping the others.
        String callingLine = "web:" + requestedBy.orElse(request.caller().name());
        CallbackAsk ask = new CallbackAsk(service, number, callingLine, Optional.empty(), 0, language, context,
                ChannelOrigin.WEB, slot, Optional.empty());
        return desk.request(ask).thenApplyAsync(CallbackApi::reply, request.loop());
    }

    private static FullHttpResponse reply(CallbackReply reply) {
        if (reply instanceof CallbackReply.Refused refused) {
            return refusal(refused);
        }
        CallbackReply.Confirmed confirmed = (CallbackReply.Confirmed) reply;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", confirmed.callback().id().toString());
        json.put("state", ApiViews.code(confirmed.callback().state()));
        json.put("service", confirmed.callback().service());
        confirmed.expectedWait().ifPresent(wait -> json.put("expectedWaitSeconds", wait.toSeconds()));
        confirmed.scheduledFor().ifPresent(at -> json.put("scheduledFor", at.toString()));
        json.put("updated", confirmed.updated());
        FullHttpResponse response = HttpResponses.json(
                confirmed.updated() ? HttpResponseStatus.OK : HttpResponseStatus.CREATED, json);
        response.headers().set(HttpHeaderNames.LOCATION, "/api/callbacks/" + confirmed.callback().id());
        return response;
    }

    /**
     * A refusal as status and JSON error: the number or the slot is wrong 422 (the request was understood, its
     * content cannot be accepted), a full slot 409 (valid, but taken: another slot may do), rate-limited 429 with
     * {@code Retry-After}, unknown service 404, store down 503 (nothing was promised; retry later).
     */
    static FullHttpResponse refusal(CallbackReply.Refused refused) {
        Map<String, Object> extra = new LinkedHashMap<>();
        refused.number().ifPresent(reason -> extra.put("numberReason", reason.code()));
        Optional<Long> retryAfter = refused.retryAfter().map(CallbackApi::wholeSeconds);
        retryAfter.ifPresent(seconds -> extra.put("retryAfterSeconds", seconds));
        HttpResponseStatus status = switch (refused.reason()) {
            case NUMBER, SLOT_OUTSIDE_HOURS, SLOT_NOT_BOOKABLE -> HttpResponseStatus.UNPROCESSABLE_ENTITY;
            case SLOT_FULL -> HttpResponseStatus.CONFLICT;
            case RATE_LIMITED -> HttpResponseStatus.TOO_MANY_REQUESTS;
            case UNKNOWN_SERVICE -> HttpResponseStatus.NOT_FOUND;
            case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
        };
        FullHttpResponse response = HttpResponses.error(status, refused.reason().code(), refused.message(), extra);
        retryAfter.ifPresent(seconds -> response.headers().set(HttpHeaderNames.RETRY_AFTER, seconds));
        return response;
    }

    CompletionStage<FullHttpResponse> find(ApiRequest request) {
        UUID id = callbackId(request);
        boolean full = request.caller().seesFullNumbers();
        return desk.find(id).thenCompose(found -> found.isEmpty()
                        ? CompletableFuture.completedFuture(Optional.<FullHttpResponse>empty())
                        : desk.attempts(id).thenApplyAsync(attempts -> Optional.of(HttpResponses.json(
                                HttpResponseStatus.OK, ApiViews.callback(found.get(), attempts, full))),
                                request.loop()))
                .thenApplyAsync(response -> response.orElseGet(() -> HttpResponses.error(
                        HttpResponseStatus.NOT_FOUND, "unknown_callback", "no callback " + id)), request.loop());
    }

    CompletionStage<FullHttpResponse> cancel(ApiRequest request) {
        UUID id = callbackId(request);
        boolean full = request.caller().seesFullNumbers();
        return desk.cancel(id).thenApplyAsync(cancelled -> cancelled
                .map(callback -> HttpResponses.json(HttpResponseStatus.OK, ApiViews.callback(callback, List.of(), full)))
                .orElseGet(() -> HttpResponses.error(HttpResponseStatus.NOT_FOUND, "unknown_callback",
                        "no active callback " + id)), request.loop());
    }

    CompletionStage<FullHttpResponse> slots(ApiRequest request) {
        String service = request.pathParam("service");
        LocalDate from = request.exchange().query("from").map(CallbackApi::date).orElseGet(() -> LocalDate.now(clock));
        int days = request.exchange().query("days").map(CallbackApi::days).orElse(DEFAULT_DAYS);
        return desk.slots(service, from, days).handleAsync((slots, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof IllegalArgumentException) {
                    return HttpResponses.error(HttpResponseStatus.NOT_FOUND, "unknown_service", cause.getMessage());
                }
                throw new CompletionException(cause);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("service", service);
            json.put("from", from.toString());
            json.put("days", days);
            json.put("slots", slots.stream().map(ApiViews::slot).toList());
            return HttpResponses.json(HttpResponseStatus.OK, json);
        }, request.loop());
    }

    private static UUID callbackId(ApiRequest request) {
        String text = request.pathParam("id");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("a callback id is a UUID such as 3f1c1d9e-8d4b-4c53-9a59-1c2b9d1e0a77");
        }
    }

    /** An ISO-8601 instant with its offset ({@code 2026-11-27T09:30:00Z}, {@code 2026-11-27T10:30:00+01:00}). */
    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("field 'slot' must be an ISO-8601 instant with its offset, e.g."
                    + " 2026-11-27T09:30:00Z, was '" + text + "'");
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("query parameter 'from' must be a date YYYY-MM-DD, was '" + text + "'");
        }
    }

    private static int days(String text) {
        try {
            int days = Integer.parseInt(text);
            if (days >= 1 && days <= MAX_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalid("query parameter 'days' must be a whole number from 1 to " + MAX_DAYS
                + ", was '" + text + "'");
    }

    private static long wholeSeconds(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
