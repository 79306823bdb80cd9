package dev.clausewatch.cli;

import dev.clausewatch.contradiction.Contradiction;
import dev.clausewatch.contradiction.Contradictions;
import dev.clausewatch.registry.PlatformId;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code contradictions PLATFORM}: where a platform's own documents disagree. */
@Command(name = "contradictions", description = {"Pairs of provisions of a platform's different documents whose stances on a topic cannot both",
        "hold, quoted side by side with their versions and dates, and the change that made them disagree when one did."})
final class ContradictionsCommand implements Callable<Integer> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PLATFORM") String platform;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
        try (Workspace w = root.open()) {
            List<Contradiction> found = Contradictions.over(w.registry(), w.records(), w.knowledge()).of(new PlatformId(platform));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, found.stream().map(Contradiction::toJson).toList());
                return 0;
            }
            if (found.isEmpty()) out.println("No contradictions found between " + platform + "'s documents on the topics with conflicting stances.");
            for (Contradiction c : found) {
                out.println(c.topicTitle() + ":");
                for (Contradiction.Side s : List.of(c.first(), c.second())) {
                    out.printf("  %s (version %d of %s) says \"%s\": \"%s\" (since version %d of %s)%n", s.documentTitle(), s.version(),
                            DAY.format(s.versionDate()), s.stance(), s.sentence(), s.sinceVersion(), DAY.format(s.since()));
                }
                out.println(c.madeBy().map(m -> "  They disagree since version " + m.version() + " of " + m.document() + ", recorded " + DAY.format(m.recordedAt()) + ".")
                        .orElse("  They disagreed in the first versions archived."));
            }
        }
        return 0;
    }
}
