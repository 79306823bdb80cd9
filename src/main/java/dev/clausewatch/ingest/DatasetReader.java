package dev.clausewatch.ingest;

import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.InvalidInputException.Problem;
import dev.clausewatch.registry.PlatformId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one document of an Open Terms Archive dataset ({@code <Service>/<Terms type>/<ISO date>.md},
 * as OTA publishes in its dataset releases). The file name is the date the version was recorded.
 */
final class DatasetReader {
    static final String ARCHIVE = "ota-dataset";
    private static final Pattern DATED_FILE =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{2})[-:](\\d{2})[-:](\\d{2})(\\.\\d+)?Z)?\\.md");

    private DatasetReader() {}

    /** True for {@code <ISO date>.md} inside a folder named after a document type. */
    static boolean isDatasetFile(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getParent() != null
                && DATED_FILE.matcher(file.getFileName().toString()).matches()
                && DocumentType.lookup(parent.getFileName().toString()).isPresent();
    }

    static ImportUnit.History read(Path termsFolder, List<Path> files) {
        String service = termsFolder.getParent().getFileName().toString();
        DocumentType type = DocumentType.lookup(termsFolder.getFileName().toString()).orElseThrow();
        Document document;
        try {
            document = new Document(new DocumentId(PlatformId.fromName(service), type), service);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(termsFolder, "service folder", e.getMessage());
        }
        List<Observed> observed = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Optional<Instant> date = date(name, problems);
            byte[] bytes;
            try {
                bytes = TextInput.bytes(file);
                TextInput.text(file, bytes);
            } catch (InvalidInputException e) {
                problems.add(new Problem(name, e.getMessage()));
                continue;
            }
            String reference = service + "/" + type.name() + "/" + name;
            date.ifPresent(d -> observed.add(new Observed(bytes, d, false, VersionHistoryReader.EXTRACTOR, List.of(),
                    new Provenance(ARCHIVE, reference, Map.of("file", name)))));
        }
        if (!problems.isEmpty()) throw new InvalidInputException(termsFolder, problems);
        return new ImportUnit.History(termsFolder, document, observed);
    }

    private static Optional<Instant> date(String name, List<Problem> problems) {
        var m = DATED_FILE.matcher(name);
        if (!m.matches()) return Optional.empty();
        String iso = m.group(2) == null ? m.group(1)
                : m.group(1) + "T" + m.group(2) + ":" + m.group(3) + ":" + m.group(4) + (m.group(5) == null ? "" : m.group(5)) + "Z";
        return Optional.ofNullable(VersionHistoryReader.instant(iso, name, problems));
    }
}
