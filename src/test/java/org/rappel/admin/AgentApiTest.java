package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rappel.admin.ApiTestServer.AGENT_A1;
import static org.rappel.admin.ApiTestServer.SUPERVISOR;
import static org.rappel.admin.ApiTestServer.VIEWER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rappel.queue.AgentState;
import org.rappel.queue.Contact;
import org.rappel.queue.ContactKind;
import org.rappel.queue.ContactStatus;

class AgentApiTest {
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

    @Test
    void list_showsEveryAgentAndState() throws Exception {
        HttpResponse<String> response = api.get("/api/agents", VIEWER);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode agents = json(response).get("agents");
        assertThat(agents).hasSize(2);
        assertThat(agents.get(0).get("id").asText()).isEqualTo("a1");
        assertThat(agents.get(0).get("state").asText()).isEqualTo("logged_out");
    }

    @Test
    void loginPauseUnpauseLogout_changeTheRealAgent() throws Exception {
        HttpResponse<String> login = api.post("/api/agents/a1/login", AGENT_A1, null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(json(login).get("state").asText()).isEqualTo("available");
        assertThat(api.center.agent("a1").get(5, TimeUnit.SECONDS).state()).isEqualTo(AgentState.AVAILABLE);

        HttpResponse<String> pause = api.post("/api/agents/a1/pause", AGENT_A1, "{\"reason\":\"training\"}");
        assertThat(pause.statusCode()).isEqualTo(200);
        assertThat(json(pause).get("state").asText()).isEqualTo("paused");
        assertThat(json(pause).get("pauseReason").asText()).isEqualTo("training");
        assertThat(api.center.agent("a1").get(5, TimeUnit.SECONDS).pauseReason()).hasValue("training");

        HttpResponse<String> unpause = api.post("/api/agents/a1/unpause", SUPERVISOR, "{}");
        assertThat(unpause.statusCode()).isEqualTo(200);
        assertThat(json(unpause).get("state").asText()).isEqualTo("available");

        HttpResponse<String> logout = api.post("/api/agents/a1/logout", AGENT_A1, null);
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(json(logout).get("state").asText()).isEqualTo("logged_out");
        assertThat(api.get("/api/agents/a1", AGENT_A1).body()).contains("\"state\":\"logged_out\"");
    }

    @Test
    void loggedInAgent_getsTheWaitingCall_pausedAgentDoesNot() throws Exception {
        api.center.enqueue(Contact.of("chan-1", ContactKind.LIVE_CALL, "prestations", ApiTestServer.START))
                .get(5, TimeUnit.SECONDS);

        api.post("/api/agents/a1/login", SUPERVISOR, null);

        ContactStatus status = api.center.status("chan-1").get(5, TimeUnit.SECONDS);
        assertThat(status).isInstanceOf(ContactStatus.Offered.class);
        assertThat(json(api.get("/api/agents/a1", VIEWER)).get("state").asText()).isEqualTo("reserved");
        assertThat(json(api.get("/api/agents/a1", VIEWER)).get("contactId").asText()).isEqualTo("chan-1");
    }

    @Test
    void queues_listWaitingContactsInOrder_withoutPhoneNumbers() throws Exception {
        api.center.enqueue(new Contact("chan-1", ContactKind.LIVE_CALL, "prestations", 0,
                ApiTestServer.START, Map.of("callerId", "+33612345678"))).get(5, TimeUnit.SECONDS);
        api.clock.advance(Duration.ofSeconds(30));
        api.center.enqueue(new Contact("cb-1", ContactKind.CALLBACK, "prestations", 1,
                ApiTestServer.START.plusSeconds(30), Map.of())).get(5, TimeUnit.SECONDS);
        api.clock.advance(Duration.ofSeconds(45));

        HttpResponse<String> response = api.get("/api/queues", SUPERVISOR);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("+33612345678").doesNotContain("callerId");
        JsonNode services = json(response).get("services");
        assertThat(services.get(0).get("name").asText()).isEqualTo("prestations");
        JsonNode waiting = services.get(0).get("waiting");
        assertThat(waiting).hasSize(2);
        assertThat(waiting.get(0).get("id").asText()).isEqualTo("cb-1"); // higher priority class first
        assertThat(waiting.get(0).get("kind").asText()).isEqualTo("callback");
        assertThat(waiting.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(waiting.get(0).get("priority").asInt()).isEqualTo(1);
        assertThat(waiting.get(0).get("waitedSeconds").asLong()).isEqualTo(45);
        assertThat(waiting.get(1).get("id").asText()).isEqualTo("chan-1");
        assertThat(waiting.get(1).get("waitedSeconds").asLong()).isEqualTo(75);
        assertThat(json(response).get("agents")).hasSize(2);
    }

    @Test
    void queues_limit_cutsEachLine_butCountsItWhole() throws Exception {
        for (int i = 0; i < 5; i++) {
            api.center.enqueue(Contact.of("chan-" + i, ContactKind.LIVE_CALL, "logement",
                    ApiTestServer.START.plusSeconds(i))).get(5, TimeUnit.SECONDS);
        }

        JsonNode logement = json(api.get("/api/queues?limit=2", VIEWER)).get("services").get(1);

        assertThat(logement.get("waitingCount").asInt()).isEqualTo(5);
        assertThat(logement.get("waiting")).hasSize(2);
        assertThat(logement.get("waiting").get(1).get("id").asText()).isEqualTo("chan-1");
        assertThat(json(api.get("/api/queues", VIEWER)).get("services").get(1).get("waiting")).hasSize(5);
        assertThat(api.get("/api/queues?limit=-1", VIEWER).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/queues?limit=lots", VIEWER).statusCode()).isEqualTo(400);
    }

    @Test
    void unknownAgent_is404WithTheContactCentersMessage() throws Exception {
        HttpResponse<String> response = api.post("/api/agents/zz9/login", SUPERVISOR, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("unknown_agent");
        assertThat(json(response).get("error").get("message").asText()).isEqualTo("unknown agent: zz9");
        assertThat(api.get("/api/agents/zz9", VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void pausingALoggedOutAgent_is409() throws Exception {
        HttpResponse<String> response = api.post("/api/agents/a2/pause", SUPERVISOR, "{\"reason\":\"lunch\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("error").get("code").asText()).isEqualTo("agent_state");
    }

    @Test
    void pause_badBodies_are400And415_andNothingChanges() throws Exception {
        api.post("/api/agents/a1/login", SUPERVISOR, null);

        assertThat(api.post("/api/agents/a1/pause", SUPERVISOR, null).statusCode()).isEqualTo(400);
        assertThat(api.post("/api/agents/a1/pause", SUPERVISOR, "{}").body()).contains("missing field 'reason'");
        assertThat(api.post("/api/agents/a1/pause", SUPERVISOR, "{\"reason\":42}").body())
                .contains("'reason' must be a string, was number");
        assertThat(api.post("/api/agents/a1/pause", SUPERVISOR, "{\"reason\":\"\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/agents/a1/pause", SUPERVISOR, "{\"reason\":\"" + "x".repeat(101) + "\"}")
                .body()).contains("longer than 100");
        assertThat(api.post("/api/agents/a1/pause", SUPERVISOR, "{\"reason\":\"a\",\"why\":\"b\"}").body())
                .contains("unknown field(s) [why]");
        assertThat(api.send("POST", "/api/agents/a1/pause", SUPERVISOR, "reason=lunch",
                "application/x-www-form-urlencoded").statusCode()).isEqualTo(415);
        assertThat(api.post("/api/agents/a1/login", SUPERVISOR, "{\"force\":true}").statusCode()).isEqualTo(400);

        assertThat(api.center.agent("a1").get(5, TimeUnit.SECONDS).state()).isEqualTo(AgentState.AVAILABLE);
    }

    @Test
    void requests_areCountedByRoutePattern_notRawPath() throws Exception {
        api.get("/api/agents/a1", VIEWER);
        api.get("/api/agents/a2", VIEWER);
        api.get("/api/agents/zz9", VIEWER);
        api.get("/api/nowhere/else", VIEWER);

        String scrape = api.scrape();
        assertThat(scrape).contains("rappel_api_requests_total{route=\"/api/agents/{id}\",status=\"200\"} 2.0");
        assertThat(scrape).contains("rappel_api_requests_total{route=\"/api/agents/{id}\",status=\"404\"} 1.0");
        assertThat(scrape).contains("rappel_api_requests_total{route=\"unmatched\",status=\"404\"} 1.0");
        assertThat(scrape).doesNotContain("route=\"/api/agents/a1\"");
    }
}
