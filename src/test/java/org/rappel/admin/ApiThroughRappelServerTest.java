package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rappel.RappelServer;
import org.rappel.config.RappelConfig;
import org.slf4j.LoggerFactory;

/**
 * The API as the real server serves it with the embedded defaults: no token configured, so an owner-only admin
 * token is generated in the data folder, its path logged and never the token; the API answers with it.
 */
class ApiThroughRappelServerTest {
    @TempDir
    Path dir;

    @Test
    void defaults_generateAPrivateAdminToken_thatTheApiAccepts() throws Exception {
        Path config = dir.resolve("rappel.yaml");
        Path data = dir.resolve("data");
        Files.writeString(config, "http: {bind: 127.0.0.1, port: 0}\nagi: {bind: 127.0.0.1, port: 0}\n"
                + "store: {data-dir: \"" + data + "\"}\n");
        Logger logger = (Logger) LoggerFactory.getLogger("org.rappel");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        String token;
        try (RappelServer server = new RappelServer(RappelConfig.load(Optional.of(config), Map.of())).start()) {
            Path file = data.resolve(AdminTokenFile.FILE_NAME);
            token = Files.readString(file).trim();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.httpAddress().getPort();

            HttpResponse<String> queues = client.send(HttpRequest.newBuilder(URI.create(base + "/api/queues"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> callback = client.send(HttpRequest.newBuilder(URI.create(base + "/api/callbacks"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"service\":\"prestations\",\"number\":\"0612345678\",\"requestedBy\":\"t\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(base + "/api/queues"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(queues.statusCode()).isEqualTo(200);
            assertThat(queues.body()).contains("\"name\":\"prestations\"");
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(201);
            assertThat(anonymous.statusCode()).isEqualTo(401);
        } finally {
            logger.detachAppender(logs);
        }
        List<String> lines;
        synchronized (logs.list) {
            lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(data.resolve(AdminTokenFile.FILE_NAME)
                .toString()));
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains(token));
    }
}
