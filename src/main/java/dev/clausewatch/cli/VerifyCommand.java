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

@Command(name = "verify", description = {"Re-hashes every blob and re-checks every chain of versions and observations.",
        "Exits 1 and names each damaged object when anything does not match."})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            ArchiveVerifier.Report report = workspace.verifier().verify();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("intact", report.intact());
                value.put("blobs", report.blobs());
                value.put("versions", report.versions());
                value.put("observations", report.observations());
                value.put("snapshots", report.snapshots());
                value.put("findings", report.findings().stream().map(f -> Map.of("object", f.object(), "problem", f.problem())).toList());
                Output.json(out, value);
            } else {
                for (ArchiveVerifier.Finding finding : report.findings()) out.println("DAMAGED " + finding);
                out.printf("%s: %d blobs re-hashed, %d versions and %d observations re-chained, %d snapshots checked in %s%n",
                        report.intact() ? "intact" : report.findings().size() + " problems", report.blobs(), report.versions(),
                        report.observations(), report.snapshots(), workspace.storeDescription());
                out.flush();
            }
            return report.intact() ? 0 : ClausewatchCommand.DAMAGED;
        }
    }
}
