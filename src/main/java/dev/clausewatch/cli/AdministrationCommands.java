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

/**
 * Administration at the command line: people ({@code users}) and organisations ({@code orgs}):
 * plans are set here, by whoever runs the installation. Every refusal is the same sentence the web
 * app and the API give.
 */
final class AdministrationCommands {
    private AdministrationCommands() {}

    @Command(name = "users", description = "People with accounts.", subcommands = {Users.Add.class, Users.ListUsers.class, Users.Reset.class})
    static final class Users implements Runnable {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "add", description = "Creates an account; the password is read from standard input (one line), never from the command line.")
        static final class Add implements Callable<Integer> {
            @ParentCommand Users users;
            @Parameters(paramLabel = "EMAIL") String email;
            @Option(names = "--name", required = true) String name;

            @Override
            public Integer call() throws Exception {
                String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                try (Workspace w = users.root.open()) {
                    User user = w.accounts().signUp(email, name, password);
                    out(users.spec).printf("%s has an account (%s).%n", user.email(), user.id());
                    return 0;
                }
            }
        }

        @Command(name = "list", description = "Lists accounts and the organisations each belongs to.")
        static final class ListUsers implements Callable<Integer> {
            @ParentCommand Users users;
            @Option(names = "--json") boolean json;

            @Override
            public Integer call() {
                try (Workspace w = users.root.open()) {
                    List<Map<String, Object>> items = new ArrayList<>();
                    for (User u : w.accounts().users()) {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("email", u.email());
                        item.put("name", u.name());
                        item.put("organisations", w.memberships().memberships(u).stream().map(m -> m.organisation() + " (" + m.role().label() + ")").toList());
                        items.add(item);
                    }
                    if (json) Output.json(out(users.spec), items);
                    else Output.table(out(users.spec), List.of("EMAIL", "NAME", "ORGANISATIONS"), items.stream().map(i -> List.of((String) i.get("email"),
                            (String) i.get("name"), String.join(", ", castList(i.get("organisations"))))).toList());
                    return 0;
                }
            }
        }

        @Command(name = "reset", description = "Mails the person a single-use password reset link (CLAUSEWATCH_SMTP must name a mail server).")
        static final class Reset implements Callable<Integer> {
            @ParentCommand Users users;
            @Parameters(paramLabel = "EMAIL") String email;

            @Override
            public Integer call() {
                try (Workspace w = users.root.open()) {
                    if (w.accounts().user(email).isEmpty()) throw new NotFoundException("there is no account " + email);
                    w.accounts().requestReset(email);
                    out(users.spec).printf("A reset link went to %s.%n", email);
                    return 0;
                }
            }
        }
    }

    @Command(name = "orgs", description = "Organisations: plans, watches, channels, members and alerts.", subcommands = {Orgs.Create.class,
            Orgs.ListOrgs.class, Orgs.Show.class, Orgs.SetPlan.class, Orgs.WatchCommand.class, Orgs.Unwatch.class, Orgs.AddChannel.class,
            Orgs.Digest.class, Orgs.AddMember.class})
    static final class Orgs implements Runnable {
        @ParentCommand ClausewatchCommand root;
        @Spec CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        private Organisations organisations(Workspace w) {
            return w.notifications().organisations();
        }

        @Command(name = "create", description = "Creates an organisation, on the Free plan unless --plan says otherwise.")
        static final class Create implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(paramLabel = "ID") String id;
            @Option(names = "--name", required = true) String name;
            @Option(names = "--plan", defaultValue = "free", description = "free, watcher or professional") String plan;
            @Option(names = "--owner", paramLabel = "EMAIL", description = "An account that becomes its owner.") String owner;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    Plan chosen = Plan.parse(plan);
                    User user = owner == null ? null : w.accounts().user(owner).orElseThrow(() -> new NotFoundException("there is no account " + owner));
                    orgs.organisations(w).create(id, name, chosen);
                    if (user != null) w.memberships().addMember(id, user, Role.OWNER);
                    out(orgs.spec).printf("%s (%s) is on the %s plan%s.%n", id, name, chosen.label(), user == null ? "" : ", owned by " + user.email());
                    return 0;
                }
            }
        }

        @Command(name = "list", description = "Lists organisations with their plans.")
        static final class ListOrgs implements Callable<Integer> {
            @ParentCommand Orgs orgs;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    Output.table(out(orgs.spec), List.of("ID", "NAME", "PLAN", "WATCHES", "DIGEST"), w.alerts().organisations().stream()
                            .map(o -> List.of(o.id(), o.name(), o.plan().label(), Integer.toString(w.alerts().watches(o.id()).size()), o.digest().toString())).toList());
                    return 0;
                }
            }
        }

        @Command(name = "show", description = "Shows an organisation: plan, watches, channels, members and its latest alerts with their deliveries.")
        static final class Show implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(paramLabel = "ID") String id;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    Organisation o = orgs.organisations(w).get(id);
                    PrintWriter out = out(orgs.spec);
                    out.printf("%s — %s, %s plan; weekly digest %s%n%n", o.id(), o.name(), o.plan().label(), o.digest());
                    Output.table(out, List.of("WATCH", "SINCE"), w.alerts().watching(id).stream().map(x -> List.of(x.watch().toString(), x.since().toString())).toList());
                    out.println();
                    Output.table(out, List.of("CHANNEL", "KIND", "ADDRESS"), w.alerts().channels(id).stream()
                            .map(c -> List.of(c.id(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.address())).toList());
                    out.println();
                    Output.table(out, List.of("MEMBER", "ROLE"), w.memberships().members(id).stream().map(m -> List.of(m.user().email(), m.role().label())).toList());
                    out.println();
                    List<Alert> alerts = w.alerts().alerts(id);
                    Output.table(out, List.of("ALERT", "WHEN", "DELIVERIES"), alerts.subList(Math.max(0, alerts.size() - 20), alerts.size()).stream()
                            .map(a -> List.of(a.message().subject(), a.createdAt().toString(), String.join("; ", w.alerts().deliveries(id).stream()
                                    .filter(d -> d.noticeId().equals(a.id())).map(d -> d.channelId() + " " + d.state().name().toLowerCase(java.util.Locale.ROOT)
                                            + d.lastError().map(e -> " (" + e + ")").orElse("")).toList()))).toList());
                    return 0;
                }
            }
        }

        @Command(name = "plan", description = "Sets an organisation's plan (free, watcher, professional); no payment is involved.")
        static final class SetPlan implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(index = "0", paramLabel = "ID") String id;
            @Parameters(index = "1", paramLabel = "PLAN") String plan;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    orgs.organisations(w).changePlan(id, Plan.parse(plan));
                    out(orgs.spec).printf("%s is on the %s plan.%n", id, Plan.parse(plan).label());
                    return 0;
                }
            }
        }

        @Command(name = "watch", description = {"Adds a watch: KIND is platform, document, provision, topic, regulation or use;",
                "a use is PLATFORMS|JURISDICTIONS|USE, e.g. \"chatgpt,claude-ai|EU|pre-screen job applicants\" (a saved check)."})
        static final class WatchCommand implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(index = "0", paramLabel = "ID") String id;
            @Parameters(index = "1", paramLabel = "KIND") String kind;
            @Parameters(index = "2", paramLabel = "TARGET") String target;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    Watch watch = Watch.parse(kind, target);
                    orgs.organisations(w).watch(id, watch);
                    out(orgs.spec).printf("%s watches %s.%n", id, watch);
                    return 0;
                }
            }
        }

        @Command(name = "unwatch", description = "Removes a watch.")
        static final class Unwatch implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(index = "0", paramLabel = "ID") String id;
            @Parameters(index = "1", paramLabel = "KIND") String kind;
            @Parameters(index = "2", paramLabel = "TARGET") String target;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    orgs.organisations(w).get(id);
                    w.alerts().unwatch(id, Watch.parse(kind, target));
                    out(orgs.spec).printf("%s no longer watches %s %s.%n", id, kind, target);
                    return 0;
                }
            }
        }

        @Command(name = "channel", description = "Adds a channel: KIND is email, webhook or slack. A webhook's signing secret is printed this once.")
        static final class AddChannel implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(index = "0", paramLabel = "ID") String id;
            @Parameters(index = "1", paramLabel = "KIND") String kind;
            @Parameters(index = "2", paramLabel = "CHANNEL") String channel;
            @Parameters(index = "3", paramLabel = "ADDRESS") String address;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    Organisations organisations = orgs.organisations(w);
                    Channel added = switch (kind.toLowerCase(java.util.Locale.ROOT)) {
                        case "email" -> organisations.email(id, channel, address);
                        case "webhook" -> organisations.webhook(id, channel, java.net.URI.create(address));
                        case "slack" -> organisations.slack(id, channel, java.net.URI.create(address));
                        default -> throw new IllegalArgumentException("\"" + kind + "\" is not a kind of channel: use email, webhook or slack");
                    };
                    out(orgs.spec).printf("%s is told at %s (%s).%n", id, added.address(), added.id());
                    added.secret().ifPresent(secret -> out(orgs.spec).printf("Signing secret (shown once): %s%n", secret));
                    return 0;
                }
            }
        }

        @Command(name = "digest", description = "Sets when the weekly digest goes out: DAY HOUR ZONE, e.g. monday 8 Europe/Brussels.")
        static final class Digest implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(index = "0", paramLabel = "ID") String id;
            @Parameters(index = "1", paramLabel = "DAY") String day;
            @Parameters(index = "2", paramLabel = "HOUR") int hour;
            @Parameters(index = "3", paramLabel = "ZONE") String zone;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    DigestSchedule schedule = DigestSchedule.parse(day, hour, zone);
                    orgs.organisations(w).digestAt(id, schedule);
                    out(orgs.spec).printf("%s gets its weekly digest %s.%n", id, schedule);
                    return 0;
                }
            }
        }

        @Command(name = "member", description = "Adds an account to an organisation with a role (owner, admin, analyst, viewer), or changes its role.")
        static final class AddMember implements Callable<Integer> {
            @ParentCommand Orgs orgs;
            @Parameters(index = "0", paramLabel = "ID") String id;
            @Parameters(index = "1", paramLabel = "EMAIL") String email;
            @Parameters(index = "2", paramLabel = "ROLE") String role;

            @Override
            public Integer call() {
                try (Workspace w = orgs.root.open()) {
                    User user = w.accounts().user(email).orElseThrow(() -> new NotFoundException("there is no account " + email));
                    w.memberships().addMember(id, user, Role.parse(role));
                    out(orgs.spec).printf("%s is %s of %s.%n", user.email(), Role.parse(role).label(), id);
                    return 0;
                }
            }
        }
    }


    private static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }
}
