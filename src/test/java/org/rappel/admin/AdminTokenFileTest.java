package org.rappel.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {
    @TempDir
    Path dataDir;

    @Test
    void noToken_createsAnOwnerOnlyAdminToken_andKeepsItAcrossStarts() throws IOException {
        ApiSettings first = ApiSettings.defaults().withGeneratedTokenIfNone(dataDir.resolve("data"));
        Path file = dataDir.resolve("data").resolve(AdminTokenFile.FILE_NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).trim();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(first.tokens()).singleElement().satisfies(t -> {
            assertThat(t.role()).isEqualTo(ApiRole.ADMIN);
            assertThat(t.sha256()).isEqualTo(ApiToken.ofSecret("x", ApiRole.ADMIN, token).sha256());
        });
        try (var files = Files.list(dataDir.resolve("data"))) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left
        }

        ApiSettings second = ApiSettings.defaults().withGeneratedTokenIfNone(dataDir.resolve("data"));
        assertThat(second.tokens().get(0).sha256()).isEqualTo(first.tokens().get(0).sha256());
    }

    @Test
    void aTokenFileOthersCanRead_isMadePrivate() throws IOException {
        Path file = dataDir.resolve(AdminTokenFile.FILE_NAME);
        Files.writeString(file, "a-token-someone-wrote-by-hand\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        ApiSettings.defaults().withGeneratedTokenIfNone(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aShortTokenFile_failsTheStart() throws IOException {
        Files.writeString(dataDir.resolve(AdminTokenFile.FILE_NAME), "short\n");

        assertThatThrownBy(() -> ApiSettings.defaults().withGeneratedTokenIfNone(dataDir))
                .isInstanceOf(IOException.class).hasMessageContaining("not a usable token");
    }

    @Test
    void configuredTokens_noFileIsMade() throws IOException {
        ApiSettings configured = new ApiSettings(List.of(ApiToken.ofSecret("p", ApiRole.PORTAL, "0123456789abcdef")),
                ApiSettings.DEFAULT_MAX_BODY_BYTES);

        assertThat(configured.withGeneratedTokenIfNone(dataDir)).isSameAs(configured);
        assertThat(Files.exists(dataDir.resolve(AdminTokenFile.FILE_NAME))).isFalse();
    }
}
