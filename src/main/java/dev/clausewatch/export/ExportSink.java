package dev.clausewatch.export;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Where an export writes its files, one after the other: a new or empty folder (the command line),
 * or a zip archive streamed as it is written (the API's downloads).
 */
public interface ExportSink extends AutoCloseable {
    /** A writer for the file at {@code path} (slash-separated, relative); closing it ends the file. */
    Writer file(String path);

    /** What to call the export's place in messages. */
    String describe();

    @Override
    void close();

    /** Files under {@code folder}, which must be new or empty: an export never writes over anything. */
    static ExportSink folder(Path folder) {
        Exports.emptyFolder(folder);
        return new ExportSink() {
            @Override
            public Writer file(String path) {
                Path file = folder.resolve(path);
                try {
                    Files.createDirectories(file.getParent());
                    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public String describe() {
                return folder.toString();
            }

            @Override
            public void close() {}
        };
    }

    /** Entries of a zip archive written to {@code out} as they come (closing the sink finishes the archive, not {@code out}). */
    static ExportSink zip(OutputStream out) {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        return new ExportSink() {
            @Override
            public Writer file(String path) {
                try {
                    zip.putNextEntry(new ZipEntry(path));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start " + path + " in the archive: " + e.getMessage(), e);
                }
                OutputStream entry = new FilterOutputStream(zip) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        zip.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                        zip.closeEntry();
                    }
                };
                return new BufferedWriter(new OutputStreamWriter(entry, StandardCharsets.UTF_8));
            }

            @Override
            public String describe() {
                return "the zip archive";
            }

            @Override
            public void close() {
                try {
                    zip.finish();
                    zip.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot finish the zip archive: " + e.getMessage(), e);
                }
            }
        };
    }
}
