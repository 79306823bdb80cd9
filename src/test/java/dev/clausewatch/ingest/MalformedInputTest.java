package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.TestStores;
import dev.clausewatch.archive.Observation;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad inputs are refused with the file and the problem named, and nothing archived changes. */
class MalformedInputTest {
    private static final Path AWS = TestStores.shared("data/ota-history/amazon-web-services");
    private static final Path REAL_MANIFEST = AWS.resolve("acceptable-use-policy/manifest.json");

    @TempDir Path dir;
    @TempDir Path inputs;

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void each_bad_input_is_rejected_by_name_and_the_archive_stays_as_it_was(TestStores store) throws IOException {
        try (Workspace w = store.open(dir)) {
            w.importer().importPaths(List.of(AWS));
            String before = fingerprint(w);

            expectRejected(w, brokenJson(), "manifest.json", "not valid JSON");
            expectRejected(w, manifestMissing("\"date\": \"2021-08-17T10:46:17Z\","), "manifest.json", "versions[0].date: is missing");
            expectRejected(w, manifestMissing("\"service\": \"Amazon Web Services\","), "manifest.json", "service: is missing");
            expectRejected(w, unreadableVersionFile(), "manifest.json", "cannot be read");
            expectRejected(w, binaryJunk(), "junk.md", "looks binary");
            expectRejected(w, binaryVersionFile(), "manifest.json", "is binary, not text");
            expectRejected(w, hugeClip(), "huge.md", "209715200 bytes; a document version or snapshot may have at most 20971520 bytes");
            expectRejected(w, clip("empty.md", "https://aws.amazon.com/aup/", "2024-01-01T00:00:00Z", "", "\n  \n"), "empty.md",
                    "body: is empty");
            expectRejected(w, clip("bc.md", "https://aws.amazon.com/aup/", "-2024-01-01", "", "# AWS Acceptable Use Policy\n"), "bc.md",
                    "created: \"-2024-01-01\" is not a plausible capture date");
            expectRejected(w, clip("twice.md", "https://aws.amazon.com/aup/", "2024-01-01T00:00:00Z", "source: https://example.com/\n",
                    "# AWS Acceptable Use Policy\n"), "twice.md", "Duplicate field 'source'");
            expectRejected(w, clip("metadata.md", "http://169.254.169.254/latest/", "2024-01-01T00:00:00Z", "", "# AWS Acceptable Use Policy\n"),
                    "metadata.md", "source: \"http://169.254.169.254/latest/\" is not a public address: 169.254.169.254 is cloud metadata");
            expectRejected(w, clip("local.md", "http://intranet.local/aup", "2024-01-01T00:00:00Z", "", "# AWS Acceptable Use Policy\n"),
                    "local.md", "is not a public address");
            expectRejected(w, tamperedVersionFile(), "manifest.json", "hashes to");
            expectRejected(w, inputs.resolve("no-such-folder"), "no-such-folder", "does not exist");

            assertThat(fingerprint(w)).isEqualTo(before);
            assertThat(w.verifier().verify().findings()).isEmpty();
        }
    }

    private void expectRejected(Workspace w, Path input, String fileName, String problem) {
        ImportReport report = w.importer().importPaths(List.of(input));
        assertThat(report.rejected()).as("rejections of " + input).hasSize(1);
        InvalidInputException rejected = report.rejected().getFirst();
        assertThat(rejected.file().getFileName().toString()).isEqualTo(fileName);
        assertThat(rejected.getMessage()).startsWith(rejected.file().toString()).contains(problem);
        assertThat(report.observationsAdded()).isZero();
    }

    /** Everything a reader of the archive could see: documents, versions, observations and their hashes. */
    private static String fingerprint(Workspace w) {
        List<String> lines = new ArrayList<>();
        for (Document d : w.registry().documents()) {
            lines.add(d.id().toString());
            w.archive().timeline(d.id()).forEach(e -> lines.add(e.version().chainHash() + " " + e.observations()));
            w.archive().observations(d.id()).stream().map(Observation::chainHash).forEach(lines::add);
        }
        var report = w.verifier().verify();
        lines.add(report.blobs() + " blobs");
        return String.join("\n", lines);
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(inputs.resolve(name));
    }

    private Path brokenJson() throws IOException {
        Path folder = folder("broken");
        Files.writeString(folder.resolve("manifest.json"), "{\"service\": \"Amazon Web Services\", \"versions\": [");
        return folder;
    }

    private Path manifestMissing(String field) throws IOException {
        Path folder = folder("missing-" + Math.abs(field.hashCode()));
        copyVersions(folder);
        String manifest = Files.readString(REAL_MANIFEST);
        assertThat(manifest).contains(field);
        Files.writeString(folder.resolve("manifest.json"), manifest.replaceFirst(java.util.regex.Pattern.quote(field), ""));
        return folder;
    }

    private Path unreadableVersionFile() throws IOException {
        Path folder = folder("unreadable");
        copyVersions(folder);
        Files.copy(REAL_MANIFEST, folder.resolve("manifest.json"));
        // Tests run as root, which reads any file: a folder where the file should be cannot be read by anyone.
        Path first = folder.resolve("2021-08-17T10-46-17Z_da545a1.md");
        Files.delete(first);
        Files.createDirectory(first);
        return folder;
    }

    private Path binaryJunk() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        junk[0] = 0;
        return Files.write(inputs.resolve("junk.md"), junk);
    }

    private Path binaryVersionFile() throws IOException {
        Path folder = folder("binary");
        copyVersions(folder);
        String manifest = Files.readString(REAL_MANIFEST).replaceAll("\"sha256\": \"[0-9a-f]+\",?", "");
        Files.writeString(folder.resolve("manifest.json"), manifest.replaceAll(",\\s*}", "\n}"));
        byte[] junk = new byte[2048];
        new Random(7).nextBytes(junk);
        junk[10] = 0;
        Files.write(folder.resolve("2021-08-17T10-46-17Z_da545a1.md"), junk);
        return folder;
    }

    private Path hugeClip() throws IOException {
        Path file = inputs.resolve("huge.md");
        Files.writeString(file, "---\nsource: https://aws.amazon.com/aup/\ncreated: 2024-01-01T00:00:00Z\n---\n# AWS Acceptable Use Policy\n");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(200L * 1024 * 1024); // sparse: takes no disk space
        }
        return file;
    }

    private Path clip(String name, String source, String created, String extraFrontMatter, String body) throws IOException {
        return Files.writeString(inputs.resolve(name), "---\nsource: " + source + "\ncreated: " + created + "\n" + extraFrontMatter
                + "title: AWS Acceptable Use Policy\n---\n" + body);
    }

    private Path tamperedVersionFile() throws IOException {
        Path folder = folder("tampered");
        copyVersions(folder);
        Files.copy(REAL_MANIFEST, folder.resolve("manifest.json"));
        Path first = folder.resolve("2021-08-17T10-46-17Z_da545a1.md");
        Files.writeString(first, Files.readString(first).replace("AWS", "AWZ"), StandardCharsets.UTF_8);
        return folder;
    }

    private static void copyVersions(Path folder) throws IOException {
        try (var files = Files.list(REAL_MANIFEST.getParent())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) Files.copy(f, folder.resolve(f.getFileName()));
        }
    }
}
