package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rappel.admin.ApiTestServer.ADMIN;
import static org.rappel.admin.ApiTestServer.PORTAL;
import static org.rappel.admin.ApiTestServer.SUPERVISOR;
import static org.rappel.admin.ApiTestServer.VIEWER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.store.AttemptOutcome;

class CallbackApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private ApiTestServer api;

    @BeforeEach
    void start() throws InterruptedException {
        api = new ApiTestServer();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String ask(String number) {
        return "{\"service\":\"prestations\",\"number\":\"" + number + "\"}";
    }

    private static String askSlot(String number, String slot) {
        return "{\"service\":\"prestations\",\"number\":\"" + number + "\",\"slot\":\"" + slot + "\"}";
    }

    private static String errorCode(HttpResponse<String> response) throws Exception {
        return json(response).get("error").get("code").asText();
    }

    @Test
    void request_now_is201WithIdAndExpectedWait() throws Exception {
        HttpResponse<String> response = api.post("/api/callbacks", PORTAL,
                "{\"service\":\"prestations\",\"number\":\"06 12 34 56 78\",\"language\":\"en\","
                        + "\"context\":{\"case\":\"A-17\"},\"requestedBy\":\"session-42\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response);
        String id = body.get("id").asText();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(body.get("state").asText()).isEqualTo("pending");
        assertThat(body.get("service").asText()).isEqualTo("prestations");
        assertThat(body.get("expectedWaitSeconds").asLong()).isEqualTo(720);
        assertThat(body.get("updated").asBoolean()).isFalse();
        assertThat(body.has("scheduledFor")).isFalse();
        assertThat(response.headers().firstValue("location")).hasValue("/api/callbacks/" + id);
        assertThat(response.body()).doesNotContain("612345678");

        JsonNode stored = json(api.get("/api/callbacks/" + id, SUPERVISOR));
        assertThat(stored.get("number").asText()).isEqualTo("+33612345678");
        assertThat(stored.get("language").asText()).isEqualTo("en");
        assertThat(stored.get("origin").asText()).isEqualTo("web");
        assertThat(stored.get("context").get("case").asText()).isEqualTo("A-17");
    }

    @Test
    void secondRequestForTheSameNumber_updates_is200() throws Exception {
        String first = json(api.post("/api/callbacks", PORTAL, ask("0612345678"))).get("id").asText();

        HttpResponse<String> second = api.post("/api/callbacks", PORTAL, ask("+33612345678"));

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("updated").asBoolean()).isTrue();
        assertThat(json(second).get("id").asText()).isEqualTo(first);
    }

    @Test
    void request_forASlot_isScheduled() throws Exception {
        HttpResponse<String> response = api.post("/api/callbacks", PORTAL,
                askSlot("0612345678", "2026-11-27T09:30:00+01:00"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("scheduledFor").asText()).isEqualTo("2026-11-27T08:30:00Z");
        assertThat(json(response).has("expectedWaitSeconds")).isFalse();
    }

    @Test
    void slotOutsideHours_is422() throws Exception {
        HttpResponse<String> response = api.post("/api/callbacks", PORTAL, askSlot("0612345678",
                "2026-11-27T13:00:00Z"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errorCode(response)).isEqualTo("slot_outside_hours");
        assertThat(json(response).get("error").get("message").asText()).contains("no slot starts at");
    }

    @Test
    void slotInThePast_is422NotBookable() throws Exception {
        HttpResponse<String> response = api.post("/api/callbacks", PORTAL, askSlot("0612345678",
                "2026-11-26T08:00:00Z"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errorCode(response)).isEqualTo("slot_not_bookable");
    }

    @Test
    void fullSlot_is409_andTheSlotsListSaysSo() throws Exception {
        String slot = "2026-11-27T08:30:00Z";
        assertThat(api.post("/api/callbacks", PORTAL, askSlot("0612345671", slot)).statusCode()).isEqualTo(201);
        assertThat(api.post("/api/callbacks", PORTAL, askSlot("0612345672", slot)).statusCode()).isEqualTo(201);

        HttpResponse<String> third = api.post("/api/callbacks", PORTAL, askSlot("0612345673", slot));

        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(errorCode(third)).isEqualTo("slot_full");
        JsonNode slots = json(api.get("/api/services/prestations/slots?from=2026-11-27&days=1", PORTAL));
        assertThat(slots.get("slots")).hasSize(8);
        JsonNode taken = slots.get("slots").get(1);
        assertThat(taken.get("start").asText()).isEqualTo(slot);
        assertThat(taken.get("booked").asInt()).isEqualTo(2);
        assertThat(taken.get("available").asInt()).isZero();
    }

    @Test
    void unknownService_is404() throws Exception {
        HttpResponse<String> response = api.post("/api/callbacks", PORTAL,
                "{\"service\":\"astrologie\",\"number\":\"0612345678\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(errorCode(response)).isEqualTo("unknown_service");
    }

    @Test
    void refusedNumber_is422WithTheReason() throws Exception {
        HttpResponse<String> premium = api.post("/api/callbacks", PORTAL, ask("0899123456"));
        HttpResponse<String> shortCode = api.post("/api/callbacks", PORTAL, ask("3230"));

        assertThat(premium.statusCode()).isEqualTo(422);
        assertThat(errorCode(premium)).isEqualTo("number");
        assertThat(json(premium).get("error").get("numberReason").asText()).isEqualTo("premium_rate");
        assertThat(json(shortCode).get("error").get("numberReason").asText()).isEqualTo("short_code");
        assertThat(premium.body()).doesNotContain("0899123456");
    }

    @Test
    void flooding_fromOneClient_is429WithRetryAfter() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"061234567" + i
                    + "\",\"requestedBy\":\"client-7\"}").statusCode()).isEqualTo(201);
        }

        HttpResponse<String> sixth = api.post("/api/callbacks", PORTAL,
                "{\"service\":\"prestations\",\"number\":\"0612345676\",\"requestedBy\":\"client-7\"}");

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(errorCode(sixth)).isEqualTo("rate_limited");
        long retryAfter = json(sixth).get("error").get("retryAfterSeconds").asLong();
        assertThat(retryAfter).isPositive();
        assertThat(sixth.headers().firstValue("retry-after")).hasValue(Long.toString(retryAfter));
        // another client of the same portal is not held back
        assertThat(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345676\","
                + "\"requestedBy\":\"client-8\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void storeDown_is503() throws Exception {
        api.desk.failStore.set(true);

        HttpResponse<String> response = api.post("/api/callbacks", PORTAL, ask("0612345678"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(errorCode(response)).isEqualTo("unavailable");
    }

    @Test
    void get_masksTheNumberForPortalAndViewer_showsAttempts() throws Exception {
        String id = json(api.post("/api/callbacks", PORTAL, ask("0612345678"))).get("id").asText();
        api.desk.recordFailedAttempt(UUID.fromString(id), AttemptOutcome.NO_ANSWER);

        JsonNode forPortal = json(api.get("/api/callbacks/" + id, PORTAL));
        JsonNode forViewer = json(api.get("/api/callbacks/" + id, VIEWER));
        JsonNode forAdmin = json(api.get("/api/callbacks/" + id, ADMIN));

        assertThat(forPortal.get("number").asText()).isEqualTo("+336****5678");
        assertThat(forViewer.get("number").asText()).isEqualTo("+336****5678");
        assertThat(forPortal.has("context")).isFalse();
        assertThat(forAdmin.get("number").asText()).isEqualTo("+33612345678");
        assertThat(forPortal.get("state").asText()).isEqualTo("pending");
        assertThat(forPortal.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(forPortal.get("attempts").get(0).get("outcome").asText()).isEqualTo("no_answer");
    }

    @Test
    void get_unknownIs404_badIdIs400() throws Exception {
        HttpResponse<String> unknown = api.get("/api/callbacks/" + UUID.randomUUID(), PORTAL);
        HttpResponse<String> bad = api.get("/api/callbacks/not-a-uuid", PORTAL);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("unknown_callback");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(errorCode(bad)).isEqualTo("invalid_request");
    }

    @Test
    void delete_cancelsOnce_thenIs404() throws Exception {
        String id = json(api.post("/api/callbacks", PORTAL, ask("0612345678"))).get("id").asText();

        HttpResponse<String> cancelled = api.delete("/api/callbacks/" + id, PORTAL);
        HttpResponse<String> again = api.delete("/api/callbacks/" + id, PORTAL);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(json(cancelled).get("state").asText()).isEqualTo("cancelled");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(api.get("/api/callbacks/" + id, VIEWER)).get("state").asText()).isEqualTo("cancelled");
        // the number is free again: a new request is a new callback
        assertThat(api.post("/api/callbacks", PORTAL, ask("0612345678")).statusCode()).isEqualTo(201);
    }

    @Test
    void slots_defaultToTodayForAWeek_andCheckTheirParameters() throws Exception {
        JsonNode week = json(api.get("/api/services/logement/slots", VIEWER));
        assertThat(week.get("from").asText()).isEqualTo("2026-11-26");
        assertThat(week.get("days").asInt()).isEqualTo(7);
        assertThat(week.get("slots")).hasSize(7 * 8);
        assertThat(week.get("slots").get(0).get("capacity").asInt()).isEqualTo(2);

        assertThat(api.get("/api/services/astrologie/slots", PORTAL).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/services/logement/slots?from=27/11/2026", PORTAL).body()).contains("YYYY-MM-DD");
        assertThat(api.get("/api/services/logement/slots?days=0", PORTAL).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/services/logement/slots?days=32", PORTAL).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/services/logement/slots?days=x", PORTAL).statusCode()).isEqualTo(400);
    }

    @Test
    void malformedBodies_eachGetAClearJsonError() throws Exception {
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\","), 400, "malformed_json");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"a\"} {}"), 400, "malformed_json");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"a\",\"service\":\"b\",\"number\":\"1\"}"),
                400, "malformed_json");
        assertBad(api.post("/api/callbacks", PORTAL, "[1,2]"), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "\"text\""), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, null), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\"}"), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":612345678}"),
                400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345678\","
                + "\"numbre\":\"x\"}"), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345678\","
                + "\"context\":{\"case\":7}}"), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345678\","
                + "\"context\":[\"x\"]}"), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, askSlot("0612345678", "tomorrow 9am")), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, askSlot("0612345678", "2026-11-27T09:30:00")), 400,
                "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345678\","
                + "\"language\":\"français\"}"), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345678\","
                + "\"requestedBy\":\"a b\"}"), 400, "invalid_request");
        assertBad(api.post("/api/callbacks", PORTAL, "[".repeat(100)), 400, "malformed_json");
        assertBad(api.send("POST", "/api/callbacks", PORTAL, ask("0612345678"), "text/plain"), 415,
                "unsupported_media_type");
        assertBad(api.send("POST", "/api/callbacks", PORTAL, ask("0612345678"), null), 415,
                "unsupported_media_type");
        assertBad(api.post("/api/callbacks", PORTAL, "{\"service\":\"prestations\",\"number\":\"0612345678\","
                + "\"context\":{\"note\":\"" + "x".repeat(3000) + "\"}}"), 413, "payload_too_large");

        assertThat(api.post("/api/callbacks", PORTAL, ask("0612345678")).statusCode()).isEqualTo(201);
    }

    @Test
    void unknownPathAndWrongMethod_areJsonErrors() throws Exception {
        HttpResponse<String> nowhere = api.get("/api/callback", PORTAL);
        HttpResponse<String> wrongMethod = api.send("PUT", "/api/callbacks/" + UUID.randomUUID(), PORTAL, "{}",
                "application/json");

        assertBad(nowhere, 404, "not_found");
        assertBad(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.headers().firstValue("allow")).hasValue("DELETE, GET");
        assertBad(api.get("/api/callbacks", PORTAL), 405, "method_not_allowed");
    }

    @Test
    void bodyOverTheServersLimit_is413Json_andTheServerGoesOn() throws Exception {
        api.close();
        api = new ApiTestServer(ApiTestServer.settings(), 4096);

        assertBad(api.post("/api/callbacks", PORTAL, "{\"x\":\"" + "y".repeat(10_000) + "\"}"), 413,
                "payload_too_large");
        try (Socket socket = new Socket("127.0.0.1", api.address.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/callbacks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nAuthorization: Bearer " + PORTAL + "\r\nContent-Length: 5\r\n\r\n{\"a\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("HTTP/1.1 400").contains("malformed_json");
        }
        assertThat(api.post("/api/callbacks", PORTAL, ask("0612345678")).statusCode()).isEqualTo(201);
    }

    private static void assertBad(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonNode error = json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
    }
}
