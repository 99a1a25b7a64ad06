package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private record Fixed(HttpMethod method, String path) implements HttpRoute {
        @Override
        public CompletionStage<FullHttpResponse> handle(HttpExchange exchange) {
            throw new UnsupportedOperationException();
        }
    }

    private final Fixed byId = new Fixed(HttpMethod.GET, "/api/callbacks/{id}");
    private final Fixed literal = new Fixed(HttpMethod.GET, "/api/callbacks/stats");
    private final Fixed pause = new Fixed(HttpMethod.POST, "/api/agents/{id}/pause");
    private final Fixed delete = new Fixed(HttpMethod.DELETE, "/api/callbacks/{id}");
    private final RouteTable table = new RouteTable(List.of(byId, literal, pause, delete,
            new Fixed(HttpMethod.GET, "/health")));

    @Test
    void find_paramSegment_isDecoded() {
        RouteTable.Match match = table.find(HttpMethod.POST, "/api/agents/agent%20101/pause").orElseThrow();

        assertThat(match.route()).isSameAs(pause);
        assertThat(match.pathParams()).isEqualTo(Map.of("id", "agent 101"));
    }

    @Test
    void find_literalBeatsParameter_whateverTheOrder() {
        assertThat(table.find(HttpMethod.GET, "/api/callbacks/stats").orElseThrow().route()).isSameAs(literal);
        assertThat(table.find(HttpMethod.GET, "/api/callbacks/42").orElseThrow().route()).isSameAs(byId);
    }

    @Test
    void find_trailingSlashIsTheSamePath_emptySegmentIsNot() {
        assertThat(table.find(HttpMethod.GET, "/health/")).isPresent();
        assertThat(table.find(HttpMethod.POST, "/api/agents//pause")).isEmpty();
        assertThat(table.find(HttpMethod.GET, "/api/callbacks")).isEmpty();
        assertThat(table.find(HttpMethod.GET, "/api/callbacks/1/2")).isEmpty();
    }

    @Test
    void methodsOf_namesEveryMethodOfMatchingPatterns() {
        assertThat(table.methodsOf("/api/callbacks/42")).containsExactly("DELETE", "GET");
        assertThat(table.methodsOf("/nope")).isEmpty();
    }

    @Test
    void construction_refusesTwoRoutesOfTheSameShape_andBadPatterns() {
        assertThatThrownBy(() -> new RouteTable(List.of(byId, new Fixed(HttpMethod.GET, "/api/callbacks/{other}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two routes for GET");
        assertThatThrownBy(() -> new RouteTable(List.of(new Fixed(HttpMethod.GET, "/api/{id"))))
                .hasMessageContaining("bad path parameter");
        assertThatThrownBy(() -> new RouteTable(List.of(new Fixed(HttpMethod.GET, "api"))))
                .hasMessageContaining("must start with /");
    }
}
