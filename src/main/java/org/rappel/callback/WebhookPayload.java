package org.rappel.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rappel.store.CallbackAttempt;
import org.rappel.store.CallbackRequest;

/**
 * The bytes a webhook POST carries for one notice, its event id and signature; the same on every retry.
 *
 * <p>Body (JSON, version 1):
 * <pre>
 * {"version": 1, "eventId": "…", "event": "attempt_failed", "occurredAt": "2026-11-25T09:00:00Z",
 *  "callback": {"id": "…", "service": "prestations", "number": "+33612345678", "language": "fr",
 *               "origin": "phone", "state": "pending", "attempts": 1,
 *               "nextAttemptAt": "2026-11-25T09:10:00Z", "slot": null},
 *  "attempt": {"number": 1, "outcome": "no_answer", "reason": "…",
 *              "startedAt": "…", "endedAt": "…"}}
 * </pre>
 * {@code attempt} is null for {@code confirmed} and {@code cancelled}; {@code nextAttemptAt} only while the callback
 * is active. The E.164 number is the one personal datum sent: an SMS gateway cannot text the citizen without it.
 * The calling line, the IVR context (case number...) and internal fields (priority, claims) are left out: the
 * gateway does not need them.
 *
 * <p>Event id: a name-based UUID of (callback, kind, attempt, time), so a notice given twice is the same event, and
 * the gateway's de-duplication on {@code Idempotency-Key} sends one SMS, not two.
 *
 * <p>Signature: {@code sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with the shared secret>}, as GitHub
 * webhooks do; the gateway recomputes it over the raw body and compares in constant time.
 */
final class WebhookPayload {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID eventId;
    private final byte[] body;
    private final String signature;

    private WebhookPayload(UUID eventId, byte[] body, String signature) {
        this.eventId = eventId;
        this.body = body;
        this.signature = signature;
    }

    static WebhookPayload of(CallbackNotice notice, String secret) {
        UUID eventId = eventId(notice);
        byte[] body = body(notice, eventId);
        return new WebhookPayload(eventId, body, "sha256=" + HexFormat.of().formatHex(hmac(secret, body)));
    }

    UUID eventId() {
        return eventId;
    }

    byte[] body() {
        return body;
    }

    String signature() {
        return signature;
    }

    static UUID eventId(CallbackNotice notice) {
        String name = notice.callback().id() + "/" + notice.kind().code() + "/"
                + notice.attempt().map(a -> a.attemptNo()).orElse(0) + "/" + notice.at().toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide HmacSHA256; a non-empty key is always valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] body(CallbackNotice notice, UUID eventId) {
        CallbackRequest c = notice.callback();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("eventId", eventId.toString());
        root.put("event", notice.kind().code());
        root.put("occurredAt", text(notice.at()));
        ObjectNode callback = root.putObject("callback");
        callback.put("id", c.id().toString());
        callback.put("service", c.service());
        callback.put("number", c.number());
        callback.put("language", c.language());
        callback.put("origin", lower(c.origin().name()));
        callback.put("state", lower(c.state().name()));
        callback.put("attempts", c.attempts());
        if (c.state().isActive()) {
            callback.put("nextAttemptAt", text(c.nextAttemptAt()));
        }
        callback.put("slot", c.requestedSlot().map(WebhookPayload::text).orElse(null));
        if (notice.attempt().isPresent()) {
            CallbackAttempt a = notice.attempt().get();
            ObjectNode attempt = root.putObject("attempt");
            attempt.put("number", a.attemptNo());
            attempt.put("outcome", lower(a.outcome().name()));
            attempt.put("reason", a.reason());
            attempt.put("startedAt", text(a.started()));
            attempt.put("endedAt", text(a.ended()));
        } else {
            root.putNull("attempt");
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of strings and numbers", e);
        }
    }

    private static String text(Instant t) {
        return t.toString();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
