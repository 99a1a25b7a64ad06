package org.rappel.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token of a Rappel that was given none: created once, at the first start, in {@code <data>/api-admin-token}
 * (mode 0600, owner only), and read again at every later start, so scripts and the portal's setup keep working
 * across restarts. The log names the file, never the token. To change it, delete the file and restart; to stop
 * using it, configure tokens ({@code api.tokens} or {@code RAPPEL_API_TOKEN}).
 *
 * <p>Why a file and not an open API or a token in the log: an API that answers anyone by default lets anyone who
 * reaches port 8080 pause every agent or read callbacks; a token printed in the log ends up in journald, log
 * shippers and support tickets. A private file is what {@code sudo cat} can read and nobody else (the way
 * Jupyter, Elasticsearch and Docker's registry handle their first secret).
 */
final class AdminTokenFile {
    private static final Logger log = LoggerFactory.getLogger(AdminTokenFile.class);

    static final String FILE_NAME = "api-admin-token";
    static final String TOKEN_NAME = "generated-admin";
    private static final int MIN_LENGTH = 16;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private AdminTokenFile() {
    }

    static ApiToken loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            try {
                create(dataDir, file);
                log.info("API: no token configured; created an admin token in {} (owner-only file). Read it there;"
                        + " configure api.tokens or RAPPEL_API_TOKEN to replace it", file.toAbsolutePath());
            } catch (FileAlreadyExistsException e) {
                // another process created it between our look and our move: use theirs
            }
        } else {
            log.info("API: no token configured; using the admin token in {}", file.toAbsolutePath());
        }
        restrictToOwner(file);
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.length() < MIN_LENGTH || token.length() > ApiToken.MAX_TOKEN_LENGTH) {
            throw new IOException(file + ": not a usable token (" + MIN_LENGTH + " to " + ApiToken.MAX_TOKEN_LENGTH
                    + " characters expected); delete the file to have a new one made");
        }
        return ApiToken.ofSecret(TOKEN_NAME, ApiRole.ADMIN, token);
    }

    private static void create(Path dataDir, Path file) throws IOException {
        Files.createDirectories(dataDir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Written whole under a temporary name, born owner-only, then moved: never a half-written or readable file.
        Path temp = isPosix(dataDir)
                ? Files.createTempFile(dataDir, FILE_NAME, ".tmp", ownerOnlyAttribute())
                : Files.createTempFile(dataDir, FILE_NAME, ".tmp");
        try {
            Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A file someone made readable by others is made private again, with a warning: the token may have leaked. */
    private static void restrictToOwner(Path file) throws IOException {
        if (!isPosix(file)) {
            log.warn("API: {} is on a file system without POSIX permissions; make sure only Rappel's user can read it",
                    file.toAbsolutePath());
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("API: {} was readable by others ({}); made owner-only. Consider deleting it to have a new token",
                    file.toAbsolutePath(), PosixFilePermissions.toString(permissions));
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean isPosix(Path path) throws IOException {
        Path existing = Files.exists(path) ? path : path.toAbsolutePath().getParent();
        return Files.getFileStore(existing).supportsFileAttributeView("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnlyAttribute() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}
