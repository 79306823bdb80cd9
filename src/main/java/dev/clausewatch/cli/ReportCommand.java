package dev.clausewatch.cli;

import dev.clausewatch.registry.Document;
import dev.clausewatch.report.Report;
import dev.clausewatch.report.ReportHtml;
import dev.clausewatch.report.ReportPdf;
import dev.clausewatch.report.Reports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", description = {"An audit-ready report of a document (or one provision) over a period: every version with its capture",
        "evidence and place in the chain, every change with its quotes and reason, the analysis with its citations, methodology,",
        "disclaimer and a verification appendix. PDF (re-checked by `verify --report`) or, with an .html name, the same page as HTML."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PLATFORM/DOCUMENT") String documentId;

    @Option(names = "--provision", paramLabel = "ID", description = "Only this provision (its lasting id, from `clausewatch provisions`).")
    String provision;

    @Option(names = "--from", paramLabel = "DATE", description = "Start of the period (a date or an instant); default: the first version.")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "End of the period, that day included; default: now.")
    String to;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.pdf, or FILE.html for the page. Never overwritten.")
    Path out;

    /** Writes a report to a file that must not exist yet: a report never overwrites a file, even one created meanwhile. */
    static void writeNew(Path out, byte[] bytes) {
        try {
            Files.write(out, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException("--out " + out + " exists: a report never overwrites a file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The first instant a date (the start of that day, UTC) or an instant names. */
    private static Instant startOf(String text) {
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--from " + text + ": expected a date (2024-01-31) or an instant (2024-01-31T12:00:00Z)");
        }
    }

    @Override
    public Integer call() {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".pdf") && !name.endsWith(".html")) throw new IllegalArgumentException("--out " + out + ": the name must end in .pdf or .html");
        if (Files.exists(out)) throw new IllegalArgumentException("--out " + out + " exists: a report never overwrites a file");
        try (Workspace workspace = root.open()) {
            Document document = Arguments.document(workspace, documentId);
            Optional<Instant> start = Optional.ofNullable(from).map(ReportCommand::startOf);
            Optional<Instant> end = Optional.ofNullable(to).map(Arguments::endOf);
            Report report = new Reports(workspace.archive(), workspace.records(), workspace.analyzer())
                    .of(document, Optional.ofNullable(provision), start, end, workspace.ledger().newestHead(), Instant.now());
            byte[] bytes = name.endsWith(".pdf") ? ReportPdf.of(report) : ReportHtml.of(report).outerHtml().getBytes(StandardCharsets.UTF_8);
            writeNew(out, bytes);
            spec.commandLine().getOut().printf("%s: %d versions, %d changes, %d analyses, %d bytes%n", out, report.versions().size(), report.changes().size(),
                    report.analyses().size(), bytes.length);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
