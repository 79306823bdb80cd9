package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.change.ChangeEvaluation;
import dev.clausewatch.provision.Lineage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The version histories of folders in the layout of the shared {@code ota-history} and
 * {@code pga-v1-history}, read straight from their manifests (no archive): each document's
 * versions by date, consecutive identical texts taken once, as the archive's timeline has them.
 */
final class HistoryCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The kinds of version Open Terms Archive records for a new extraction of the same terms. */
    static final Set<String> TECHNICAL = Set.of("refilter", "technical_upgrade");

    /** A version file with its manifest facts. */
    record Entry(Path file, String sha256, String date, boolean technical) {}

    private HistoryCorpus() {}

    static List<List<Entry>> read(List<Path> roots) {
        List<List<Entry>> histories = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path manifest : walk.filter(p -> p.getFileName().toString().equals("manifest.json")).sorted().toList()) {
                    JsonNode m = JSON.readTree(manifest.toFile());
                    if (!m.has("versions")) continue;
                    List<Entry> entries = new ArrayList<>();
                    for (JsonNode v : m.get("versions")) {
                        entries.add(new Entry(manifest.resolveSibling(v.get("file").asText()), v.get("sha256").asText(), v.get("date").asText(),
                                TECHNICAL.contains(v.path("kind").asText(""))));
                    }
                    entries.sort(Comparator.comparing(Entry::date));
                    List<Entry> distinct = new ArrayList<>();
                    for (Entry e : entries) if (distinct.isEmpty() || !distinct.getLast().sha256().equals(e.sha256())) distinct.add(e);
                    histories.add(distinct);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the histories under " + root, e);
            }
        }
        return histories;
    }

    static String name(List<Entry> history) {
        Path folder = history.getFirst().file().getParent();
        return folder.getParent().getFileName() + "/" + folder.getFileName() + " (" + folder.getParent().getParent().getFileName() + ")";
    }

    static ChangeEvaluation.History load(List<Entry> history) {
        List<Lineage.VersionText> texts = new ArrayList<>();
        List<Boolean> technical = new ArrayList<>();
        for (Entry e : history) {
            texts.add(new Lineage.VersionText(e.sha256(), text(e.file())));
            technical.add(e.technical());
        }
        return new ChangeEvaluation.History(name(history), texts, technical);
    }

    static String text(Path file) {
        return dev.clausewatch.ingest.TextInput.text(file);
    }
}
