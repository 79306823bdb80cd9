package dev.clausewatch.ingest;

import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.capture.CaptureMetadata;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.Platform;
import dev.clausewatch.registry.SourceDeclaration;
import java.nio.file.Path;
import java.util.List;

/** One checked input, ready to import; {@code source} is the file it was read from. */
sealed interface ImportUnit {
    Path source();

    /** A document's history: texts observed over time (OTA or PGA manifest, OTA dataset folder). */
    record History(Path source, Document document, List<Observed> observed) implements ImportUnit {}

    /** Declarations of one platform, from a service file or a history file. */
    record Declarations(Path source, Platform platform, List<SourceDeclaration> declarations) implements ImportUnit {}

    /** A page clipped to Markdown: the file as captured (a snapshot) and the text it holds (a version). */
    record Clip(Path source, Document document, byte[] raw, CaptureMetadata capture, byte[] markdown,
                Provenance provenance) implements ImportUnit {}
}
