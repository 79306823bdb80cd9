package dev.clausewatch.cli;

import dev.clausewatch.account.Role;
import dev.clausewatch.account.User;
import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.Channel;
import dev.clausewatch.alert.DigestSchedule;
import dev.clausewatch.alert.Organisation;
import dev.clausewatch.alert.Organisations;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.alert.Watch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import static dev.clausewatch.cli.AdministrationCommands.*;

/** What the people alerted said of their alerts (`evaluate alerts`). */
final class AlertFeedbackEvaluation {
    private AlertFeedbackEvaluation() {}

    /** How relevant people found their alerts, per topic and per reason the change was called substantive. */
    @Command(name = "alerts", description = {"Reports the relevant / not relevant answers given on alerts, per topic and per reason,",
            "so that topic precision and the substantive rule can be judged by the people they alert."})
    static final class AlertFeedback implements Callable<Integer> {
        @ParentCommand EvaluateCommand evaluate;
        @Spec CommandSpec spec;
        @Option(names = "--json") boolean json;

        @Override
        public Integer call() {
            ClausewatchCommand root = (ClausewatchCommand) evaluate.spec.parent().userObject();
            try (Workspace w = root.open()) {
                Map<String, int[]> byTopic = new java.util.TreeMap<>();
                Map<String, int[]> byReason = new java.util.TreeMap<>();
                int answers = 0;
                for (var feedback : w.memberships().feedback()) {
                    var alert = w.alerts().alert(feedback.alertId());
                    if (alert.isEmpty()) continue;
                    answers++;
                    List<String> topics = alert.get().message().topics().isEmpty() ? List.of("(no topic)") : alert.get().message().topics();
                    for (String topic : topics) count(byTopic, topic, feedback.relevant());
                    for (String reason : alert.get().message().reasons().split("; ")) count(byReason, reason, feedback.relevant());
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Output.json(out, Map.of("answers", answers, "byTopic", rows(byTopic), "byReason", rows(byReason)));
                    return 0;
                }
                out.printf("%d answers on alerts.%n%n", answers);
                Output.table(out, List.of("TOPIC", "ANSWERS", "RELEVANT", "SHARE"), table(byTopic));
                out.println();
                Output.table(out, List.of("REASON", "ANSWERS", "RELEVANT", "SHARE"), table(byReason));
                return 0;
            }
        }

        private static void count(Map<String, int[]> counts, String key, boolean relevant) {
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            if (relevant) c[1]++;
        }

        private static List<Map<String, Object>> rows(Map<String, int[]> counts) {
            return counts.entrySet().stream().map(e -> Map.<String, Object>of("name", e.getKey(), "answers", e.getValue()[0], "relevant", e.getValue()[1])).toList();
        }

        private static List<List<String>> table(Map<String, int[]> counts) {
            return counts.entrySet().stream().map(e -> List.of(e.getKey(), Integer.toString(e.getValue()[0]), Integer.toString(e.getValue()[1]),
                    String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * e.getValue()[1] / e.getValue()[0]))).toList();
        }
    }
}
