package dev.clausewatch.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What the exports share: where they may write, and how they write instants. */
final class Exports {
    private Exports() {}

    /** An export never writes over files: its folder is new, or empty. */
    static void emptyFolder(Path folder) {
        try {
            if (Files.exists(folder)) {
                if (!Files.isDirectory(folder)) throw new IllegalArgumentException(folder + " is a file: an export writes into a new or empty folder");
                try (var entries = Files.list(folder)) {
                    if (entries.findAny().isPresent()) throw new IllegalArgumentException(folder + " is not empty: an export writes into a new or empty folder");
                }
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A whole file of {@code text}. */
    static void write(ExportSink sink, String path, String text) {
        try (java.io.Writer out = sink.file(path)) {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + " in " + sink.describe() + ": " + e.getMessage(), e);
        }
    }

    static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
