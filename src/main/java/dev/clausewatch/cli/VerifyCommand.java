package dev.clausewatch.cli;

import dev.clausewatch.archive.ArchiveVerifier;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", description = {"Re-hashes every blob, re-checks every chain of versions and observations, every archived record",
        "against the signed log, and with --head a tree head you kept (from `clausewatch head`) against the log.",
        "Exits 1 and names each damaged object when anything does not match."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--head", paramLabel = "FILE", description = "A tree head kept earlier (JSON from `clausewatch head`): the log must extend it.")
    java.nio.file.Path head;

    @Option(names = "--report", paramLabel = "FILE.pdf", description = "Re-check a report made by `clausewatch report` against the archive instead.")
    java.nio.file.Path reportFile;

    @Override
    public Integer call() {
        if (reportFile != null) return verifyReport();
        try (Workspace workspace = root.open()) {
            java.util.Optional<dev.clausewatch.archive.TreeHead> kept = head == null ? java.util.Optional.empty()
                    : java.util.Optional.of(keptHead(head));
            return check(workspace, kept, head, spec.commandLine().getOut(), json);
        }
    }

    /** Verifies the workspace's archive and prints the report; `restore` runs the same after restoring. */
    static int check(Workspace workspace, java.util.Optional<dev.clausewatch.archive.TreeHead> kept, java.nio.file.Path head, PrintWriter out, boolean json) {
        ArchiveVerifier.Report report = workspace.verifier().verify(kept);
        var newest = workspace.ledger().newestHead();
        int unsealed = workspace.ledger().unlogged();
        if (json) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("intact", report.intact());
            value.put("blobs", report.blobs());
            value.put("versions", report.versions());
            value.put("observations", report.observations());
            value.put("snapshots", report.snapshots());
            value.put("loggedRecords", newest.map(dev.clausewatch.archive.TreeHead::size).orElse(0));
            value.put("unsealedRecords", unsealed);
            value.put("findings", report.findings().stream().map(f -> Map.of("object", f.object(), "problem", f.problem())).toList());
            Output.json(out, value);
        } else {
            for (ArchiveVerifier.Finding finding : report.findings()) out.println("DAMAGED " + finding);
            out.printf("%s: %d blobs re-hashed, %d versions and %d observations re-chained, %d snapshots checked in %s%n",
                    report.intact() ? "intact" : report.findings().size() + " problems", report.blobs(), report.versions(),
                    report.observations(), report.snapshots(), workspace.storeDescription());
            out.println(newest.map(h -> "log: " + h.size() + " records under the head signed at " + dev.clausewatch.archive.Chain.instant(h.signedAt())
                    + " (key " + h.keyId() + ")").orElse("log: no signed head yet") + (unsealed == 0 ? "" : "; " + unsealed
                    + " records written since, sealed when this command ends") + (head == null ? "" : "; checked against the kept head in " + head));
            out.flush();
        }
        return report.intact() ? 0 : ClausewatchCommand.DAMAGED;
    }

    /** The report's hashes and head against the archive: exit 1 naming each mismatch. */
    private int verifyReport() {
        byte[] pdf;
        try {
            pdf = java.nio.file.Files.readAllBytes(reportFile);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the report " + reportFile + ": " + e.getMessage());
        }
        try (Workspace workspace = root.open()) {
            var result = dev.clausewatch.report.ReportVerification.check(reportFile.toString(), pdf, workspace.archive(), workspace.ledger().newestHead());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, Map.of("intact", result.intact(), "document", result.document(), "versions", result.versions(), "mismatches", result.mismatches()));
            } else {
                for (String m : result.mismatches()) out.println("MISMATCH " + m);
                out.printf("%s: %d versions of %s in %s checked against %s%n", result.intact() ? "the report matches the archive" : result.mismatches().size()
                        + " mismatches", result.versions(), result.document(), reportFile, workspace.storeDescription());
                out.flush();
            }
            return result.intact() ? 0 : ClausewatchCommand.DAMAGED;
        }
    }

    private static dev.clausewatch.archive.TreeHead keptHead(java.nio.file.Path file) {
        try {
            return dev.clausewatch.archive.TreeHead.fromJson(java.nio.file.Files.readString(file));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the kept head " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }
}
