package dev.clausewatch.cli;

import dev.clausewatch.extract.Extractor;
import dev.clausewatch.registry.DeclaredService;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.OtaDeclarations;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "extract", description = {"Prints the Markdown that extraction makes of one snapshot file (HTML or PDF) with a declaration,",
        "without any archive. With a history file beside the declaration, the declaration in force at --date applies."})
final class ExtractCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SNAPSHOT_FILE") Path snapshot;

    @Option(names = "--declaration", required = true, paramLabel = "DECLARATION.json") Path declaration;

    @Option(names = "--terms-type", required = true, paramLabel = "TYPE", description = "e.g. \"Terms of Service\"") String termsType;

    @Option(names = "--date", paramLabel = "DATE", description = "When the snapshot was taken (default: now): picks the declaration from the history.")
    String date;

    @Option(names = "--source", paramLabel = "ID", description = "For a combined document: which source document (OTA id, e.g. legal-aup).")
    String sourceId;

    @Override
    public Integer call() throws IOException {
        DeclaredService service = OtaDeclarations.readService(declaration);
        List<SourceDeclaration> all = new ArrayList<>(service.declarations());
        String name = declaration.getFileName().toString();
        Path history = declaration.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".history.json");
        if (Files.exists(history)) all.addAll(OtaDeclarations.readHistory(history, service.platform()));
        DocumentType type = DocumentType.named(termsType);
        Instant at = date == null ? Instant.now() : Arguments.endOf(date);
        SourceDeclaration applicable = SourceDeclaration.applicableAt(all.stream().filter(d -> d.document().type().equals(type)).toList(), at)
                .orElseThrow(() -> new IllegalArgumentException(declaration + " declares no \"" + type + "\" for " + service.platform().name()));
        SourceDocument source = applicable.source(sourceId).orElseThrow(() -> new IllegalArgumentException(
                "\"" + type + "\" combines " + applicable.sources().size() + " source documents; pass --source with one of "
                        + applicable.sources().stream().map(SourceDocument::id).toList()));
        if (!Files.isRegularFile(snapshot)) throw new IllegalArgumentException("snapshot file " + snapshot + " does not exist");
        String mediaType = snapshot.toString().toLowerCase(Locale.ROOT).endsWith(".pdf") ? "application/pdf" : "text/html";
        String markdown = new Extractor().extract(dev.clausewatch.ingest.TextInput.bytes(snapshot), mediaType, source.location(), source);
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
