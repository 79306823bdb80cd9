package dev.clausewatch.cli;

import dev.clausewatch.discovery.ArchiveDiscovery;
import dev.clausewatch.discovery.Proposal;
import dev.clausewatch.registry.PlatformId;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code discover PLATFORM}: governance documents its captured pages link to that are not declared; {@code --accept} declares one. */
@Command(name = "discover", description = {"Proposes governance documents a platform's captured pages link to and its declarations do not name.",
        "Nothing is captured until a proposal is accepted: --accept URL --type TYPE declares it (then `capture` or `track`)."})
final class DiscoverCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PLATFORM") String platform;

    @Option(names = "--accept", paramLabel = "URL", description = "Declare this proposal as a new document of the platform.") URI accept;

    @Option(names = "--type", paramLabel = "TYPE", description = "With --accept: the document type (`types` lists them), e.g. \"Usage Policy\".") String type;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
        PlatformId id = new PlatformId(platform);
        try (Workspace w = root.open()) {
            ArchiveDiscovery discovery = new ArchiveDiscovery(w.registry(), w.archive());
            PrintWriter out = spec.commandLine().getOut();
            if (accept != null) {
                if (type == null) throw new IllegalArgumentException("--accept needs --type, the document type of the new document (`clausewatch types` lists them)");
                out.println("Declared " + discovery.accept(id, type, accept) + " from " + accept + "; `clausewatch capture` captures it now, `track` on schedule.");
                return 0;
            }
            List<Proposal> proposals = discovery.proposals(id);
            if (json) {
                Output.json(out, proposals.stream().map(p -> Map.of("platform", p.platform(), "url", p.url().toString(), "linkTexts", p.linkTexts(),
                        "suggestedType", p.suggestedType().orElse(""), "foundOn", p.foundOn())).toList());
                return 0;
            }
            if (proposals.isEmpty()) out.println("No undeclared governance documents linked from " + platform + "'s archived pages.");
            for (Proposal p : proposals) {
                out.printf("%s%n  linked as %s; %s; found on %s%n", p.url(), p.linkTexts().isEmpty() ? "(no words)" : String.join(" / ", p.linkTexts()),
                        p.suggestedType().map(t -> "type perhaps " + t).orElse("type unknown"), String.join(", ", p.foundOn()));
            }
        }
        return 0;
    }
}
