package dev.clausewatch.cli;

import dev.clausewatch.check.CheckAnswer;
import dev.clausewatch.check.IntendedUse;
import dev.clausewatch.check.Role;
import dev.clausewatch.check.UseCheck;
import dev.clausewatch.check.Weights;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code check}: which provisions of the platforms a use relies on apply to it. */
@Command(name = "check", description = {"Checks an intended use against the current rules of the platforms it relies on: per platform, the",
        "provisions that apply (prohibitions, conditions, what the platform may do, what to know), each quoted with its",
        "document, version and date and why it matched, then the regulations of their topics in your jurisdictions."})
final class CheckCommand implements Callable<Integer> {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--use", required = true, paramLabel = "TEXT", description = "What you plan to do, in a sentence.") String use;

    @Option(names = "--platforms", required = true, paramLabel = "ID,…", description = "The platforms the use relies on (ids, as `platforms` lists them).")
    String platforms;

    @Option(names = "--jurisdictions", paramLabel = "CODE,…", defaultValue = "", description = "Where it happens (EU, UK, US, US-CA…); all when none.")
    String jurisdictions;

    @Option(names = "--threshold", paramLabel = "0..1", description = "The least confidence shown (default: the fitted one); lower casts a wider, less certain net.")
    Double threshold;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
        IntendedUse intended = new IntendedUse(use, IntendedUse.platforms(platforms), Arrays.asList(jurisdictions.split(",")));
        try (Workspace w = root.open()) {
            if (threshold != null && (threshold < 0 || threshold > 1)) throw new IllegalArgumentException("--threshold " + threshold + " is not between 0 and 1");
            Weights weights = threshold == null ? Weights.FITTED : Weights.FITTED.withThreshold(threshold);
            CheckAnswer answer = new UseCheck(w.registry(), w.records(), w.analyzer(), weights, java.time.Clock.systemUTC()).check(intended);
            PrintWriter out = spec.commandLine().getOut();
            if (json) Output.json(out, answer.toJson());
            else print(out, answer);
        }
        return 0;
    }

    static void print(PrintWriter out, CheckAnswer answer) {
        out.println("Use: " + answer.use().description());
        if (!answer.useTopics().isEmpty()) {
            out.println("Reads as: " + String.join(", ", answer.useTopics().stream().map(CheckAnswer.UseTopic::title).toList()));
        }
        for (CheckAnswer.PlatformAnswer platform : answer.platforms()) {
            out.println();
            out.printf("%s: %s%n", platform.name(), platform.applies() ? platform.provisions().size() + " provisions apply" : "nothing found that applies");
            out.println("  read: " + String.join(", ", platform.documents().stream().map(d -> d.title() + " (version " + d.version() + " of "
                    + DAY.format(d.versionDate()) + (d.incorporatedBy() == null ? "" : ", incorporated by " + d.incorporatedBy()) + ")").toList()));
            for (Role role : Role.values()) {
                List<CheckAnswer.Applicable> these = platform.provisions().stream().filter(a -> a.role() == role).toList();
                if (these.isEmpty()) continue;
                out.println("  " + role.heading() + ":");
                for (CheckAnswer.Applicable a : these) {
                    out.printf(Locale.ROOT, "    - \"%s\"%n      %s, version %d of %s, %s; %.0f%%: %s%n", a.quote(), a.documentTitle(), a.version(),
                            DAY.format(a.versionDate()), a.provisionId(), 100 * a.confidence(), a.why());
                }
            }
            if (platform.alsoMatched() > 0) out.printf("  and %d more, less close, not shown%n", platform.alsoMatched());
        }
        if (!answer.regulations().isEmpty()) {
            out.println();
            out.println("Regulations of these topics" + (answer.use().jurisdictions().isEmpty() ? "" : " in " + String.join(", ", answer.use().jurisdictions())) + ":");
            answer.regulations().forEach(r -> out.printf("  %s (%s), for %s%n", r.name(), r.jurisdiction(), String.join(", ", r.topics())));
        }
        out.println();
        out.println("Matched by " + answer.method() + ". Not legal advice: read each provision in full.");
    }
}
