package org.rappel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Fresh data folders for servers started by tests, so that no test shares (or leaves) a callback store. */
public final class TestDataDirs {

    private TestDataDirs() {
    }

    /** A new empty folder under the system's temporary folder. */
    public static String fresh() {
        try {
            return Files.createTempDirectory("rappel-test-data").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
