package dev.clausewatch.cli;

import dev.clausewatch.archive.TreeHead;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "head", description = {"Seals what was archived since the last tree head and prints the newest signed head as JSON.",
        "Keep it somewhere the database's administrators cannot write: `clausewatch verify --head FILE` then shows",
        "whether the archive's log still extends it (nothing it covered was rewritten or cut away)."})
final class HeadCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (Workspace workspace = root.open()) {
            workspace.ledger().seal();
            TreeHead head = workspace.ledger().newestHead()
                    .orElseThrow(() -> new IllegalArgumentException("the archive is empty: there is no record to sign a head for"));
            spec.commandLine().getOut().print(head.toJson());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
