package dev.clausewatch.web;

import dev.clausewatch.account.Access;
import dev.clausewatch.account.Accounts;
import dev.clausewatch.account.ApiToken;
import dev.clausewatch.account.Member;
import dev.clausewatch.account.Memberships;
import dev.clausewatch.account.OrganisationRecords;
import dev.clausewatch.account.Permission;
import dev.clausewatch.account.Refused;
import dev.clausewatch.account.Role;
import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.Delivery;
import dev.clausewatch.alert.DigestSchedule;
import dev.clausewatch.alert.Organisation;
import dev.clausewatch.alert.Watch;
import dev.clausewatch.web.Panel.Cell;
import dev.clausewatch.web.Panel.Field;
import dev.clausewatch.web.Panel.Form;
import dev.clausewatch.web.Panel.Section;
import dev.clausewatch.web.Panel.Table;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages of people and organisations: sign-up, sign-in, password reset, invitations, and each
 * organisation's overview (plan, members, tokens, digest), watchlist, alert history with delivery
 * status and feedback, channels with a test button, and digest preview. Every form carries the
 * session's CSRF secret; a refusal (a plan limit, a role) is shown on the page with its sentence.
 */
final class AccountPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    /** What a redirect after a change says; fixed sentences, so a link cannot put words on the page. */
    private static final Map<String, String> DONE = Map.ofEntries(Map.entry("signed-up", "Welcome: your account is ready."),
            Map.entry("watch-added", "Watching it: changes will reach your channels."), Map.entry("watch-removed", "No longer watched."),
            Map.entry("channel-added", "Channel added."), Map.entry("channel-removed", "Channel removed."),
            Map.entry("test-queued", "A test message is on its way; the delivery log below shows when it arrives."),
            Map.entry("feedback", "Thank you: your answer is recorded."), Map.entry("digest-saved", "The digest schedule is saved."),
            Map.entry("invited", "The invitation is on its way."), Map.entry("token-revoked", "The token is revoked."),
            Map.entry("joined", "You are a member now."), Map.entry("reset-sent", "If that address has an account, a reset link is on its way."),
            Map.entry("password-set", "Your new password is set: sign in with it."), Map.entry("created", "The organisation is ready."),
            Map.entry("role-changed", "The role is changed."), Map.entry("feed-revoked", "The private feed's address no longer works."));

    private final Accounts accounts;
    private final Memberships memberships;
    private final OrganisationRecords records;
    private final Signed signed;
    private final Pages pages;

    AccountPages(Accounts accounts, Memberships memberships, OrganisationRecords records, Signed signed, Pages pages) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.records = records;
        this.signed = signed;
        this.pages = pages;
    }

    Map<String, Handler> gets() {
        Map<String, Handler> routes = new LinkedHashMap<>();
        routes.put("/signup", ctx -> form(ctx, "Sign up", "/signup", "Create the account", Field.input("name", "Your name", "text"),
                Field.input("email", "E-mail address", "email"), Field.input("password", "Password (12 characters or more)", "password")));
        routes.put("/signin", ctx -> form(ctx, "Sign in", "/signin", "Sign in", Field.input("email", "E-mail address", "email"),
                Field.input("password", "Password", "password"), Field.hidden("then", local(ctx.queryParam("then")))));
        routes.put("/reset", ctx -> {
            String token = ctx.queryParam("token");
            if (token == null) form(ctx, "Reset your password", "/reset", "Send me a link", Field.input("email", "E-mail address", "email"));
            else form(ctx, "Choose a new password", "/reset", "Set the password", Field.hidden("token", token),
                    Field.input("password", "New password (12 characters or more)", "password"));
        });
        routes.put("/invitations", ctx -> {
            Accounts.Session session = signedIn(ctx);
            render(ctx, new Panel("Accept the invitation", done(ctx), List.of(new Section(null, List.of("Signed in as " + session.user().email() + "."),
                    null, List.of(new Form("/invitations", "Accept", List.of(Field.hidden("token", Optional.ofNullable(ctx.queryParam("token")).orElse(""))),
                    session.csrf()))))));
        });
        routes.put("/orgs", this::organisations);
        routes.put("/watch", this::watchChooser);
        routes.put("/orgs/{org}", ctx -> orgPage(ctx, this::overview));
        routes.put("/orgs/{org}/watchlist", ctx -> orgPage(ctx, this::watchlist));
        routes.put("/orgs/{org}/alerts", ctx -> orgPage(ctx, this::alerts));
        routes.put("/orgs/{org}/channels", ctx -> orgPage(ctx, this::channels));
        routes.put("/orgs/{org}/digest", ctx -> orgPage(ctx, this::digest));
        return routes;
    }

    Map<String, Handler> posts() {
        Map<String, Handler> routes = new LinkedHashMap<>();
        routes.put("/signup", ctx -> refusedOnPage(ctx, () -> {
            Signed.checkPreSession(ctx);
            accounts.signUp(ctx.formParam("email"), ctx.formParam("name"), ctx.formParam("password"));
            Signed.start(ctx, accounts.signIn(ctx.formParam("email"), ctx.formParam("password")));
            ctx.redirect("/orgs?done=signed-up", HttpStatus.SEE_OTHER);
        }));
        routes.put("/signin", ctx -> refusedOnPage(ctx, () -> {
            Signed.checkPreSession(ctx);
            Signed.start(ctx, accounts.signIn(ctx.formParam("email"), ctx.formParam("password")));
            ctx.redirect(local(ctx.formParam("then")), HttpStatus.SEE_OTHER);
        }));
        routes.put("/signout", ctx -> {
            Accounts.Session session = signed.requireForChange(ctx);
            accounts.signOut(session.token());
            Signed.end(ctx);
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        });
        routes.put("/reset", ctx -> refusedOnPage(ctx, () -> {
            Signed.checkPreSession(ctx);
            if (ctx.formParam("token") == null) {
                accounts.requestReset(ctx.formParam("email"));
                ctx.redirect("/signin?done=reset-sent", HttpStatus.SEE_OTHER);
            } else {
                accounts.resetPassword(ctx.formParam("token"), ctx.formParam("password"));
                ctx.redirect("/signin?done=password-set", HttpStatus.SEE_OTHER);
            }
        }));
        routes.put("/invitations", ctx -> refusedOnPage(ctx, () -> {
            Accounts.Session session = signed.requireForChange(ctx);
            Member member = memberships.accept(session.user(), ctx.formParam("token"));
            ctx.redirect("/orgs/" + member.organisation() + "?done=joined", HttpStatus.SEE_OTHER);
        }));
        routes.put("/orgs", ctx -> refusedOnPage(ctx, () -> {
            Accounts.Session session = signed.requireForChange(ctx);
            Organisation o = memberships.createOrganisation(session.user(), param(ctx, "id"), param(ctx, "name"));
            ctx.redirect("/orgs/" + o.id() + "?done=created", HttpStatus.SEE_OTHER);
        }));
        change(routes, "/orgs/{org}/watches", "watchlist", "watch-added", (ctx, a) ->
                records.watch(a, Watch.parse(param(ctx, "kind"), param(ctx, "target"))));
        change(routes, "/orgs/{org}/watches/remove", "watchlist", "watch-removed", (ctx, a) ->
                records.unwatch(a, Watch.parse(param(ctx, "kind"), param(ctx, "target"))));
        routes.put("/orgs/{org}/channels", ctx -> orgChange(ctx, "channels", a -> {
            var channel = records.addChannel(a, OrganisationApi.kind(param(ctx, "kind")), param(ctx, "id"), param(ctx, "address"));
            if (channel.secret().isPresent()) {
                secret(ctx, "Your webhook's signing secret", "Copy it now: it is shown this once. Your receiver checks the webhook-signature "
                        + "header with it (Standard Webhooks).", channel.secret().get(), a);
            } else {
                ctx.redirect("/orgs/" + a.organisation() + "/channels?done=channel-added", HttpStatus.SEE_OTHER);
            }
        }));
        change(routes, "/orgs/{org}/channels/remove", "channels", "channel-removed", (ctx, a) -> records.removeChannel(a, param(ctx, "id")));
        change(routes, "/orgs/{org}/channels/test", "channels", "test-queued", (ctx, a) -> records.sendTest(a, param(ctx, "id")));
        change(routes, "/orgs/{org}/feed/revoke", "channels", "feed-revoked", (ctx, a) -> records.revokeFeed(a));
        change(routes, "/orgs/{org}/alerts/feedback", "alerts", "feedback", (ctx, a) -> records.feedback(a, signed.require(ctx).user(),
                param(ctx, "alert"), "relevant".equals(ctx.formParam("answer")), Optional.ofNullable(ctx.formParam("reason"))));
        change(routes, "/orgs/{org}/digest", "", "digest-saved", (ctx, a) -> records.digestAt(a,
                DigestSchedule.parse(param(ctx, "day"), parseHour(param(ctx, "hour")), param(ctx, "zone"))));
        change(routes, "/orgs/{org}/members/invite", "", "invited", (ctx, a) -> memberships.invite(a, param(ctx, "email"), Role.parse(param(ctx, "role"))));
        change(routes, "/orgs/{org}/members/role", "", "role-changed", (ctx, a) -> memberships.changeRole(a,
                memberships.members(a).stream().filter(m -> m.user().email().equals(param(ctx, "email"))).findFirst()
                        .orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "no such member")).user().id(), Role.parse(param(ctx, "role"))));
        change(routes, "/orgs/{org}/tokens/revoke", "", "token-revoked", (ctx, a) -> memberships.revokeToken(a, param(ctx, "id")));
        // New secrets are shown on the page that answers the form, once, never in a redirect.
        routes.put("/orgs/{org}/tokens", ctx -> orgChange(ctx, "", a -> {
            var token = memberships.createToken(a, param(ctx, "name"), Arrays.stream(param(ctx, "scopes").split("[,\\s]+"))
                    .filter(s -> !s.isBlank()).map(ApiToken.Scope::parse).collect(java.util.stream.Collectors.toSet()));
            secret(ctx, "Your new API token", "Copy it now: it is shown this once. Send it as \"Authorization: Bearer …\".", token.secret(), a);
        }));
        routes.put("/orgs/{org}/feed", ctx -> orgChange(ctx, "channels", a -> secret(ctx, "Your private feed", "Its address is shown this once; "
                + "earlier addresses stop working. Anyone with it can read your alerts: treat it as a password.", records.renewFeed(a), a)));
        return routes;
    }

    // ---- pages

    private void organisations(Context ctx) {
        Accounts.Session session = signedIn(ctx);
        List<List<Cell>> rows = memberships.memberships(session.user()).stream()
                .map(m -> List.of(Cell.link(m.organisation(), "/orgs/" + m.organisation()), Cell.of(m.role().label()))).toList();
        render(ctx, new Panel("Your organisations", done(ctx), List.of(
                new Section(null, List.of("Signed in as " + session.user().email() + "."), rows.isEmpty() ? null
                        : new Table(List.of("Organisation", "Your role"), rows), List.of(new Form("/signout", "Sign out", List.of(), session.csrf()))),
                new Section("Create an organisation", List.of("It starts on the Free plan: one platform, told in a weekly digest."), null,
                        List.of(new Form("/orgs", "Create", List.of(Field.input("id", "Id (lower-case letters, digits, hyphens)", "text"),
                                Field.input("name", "Name", "text")), session.csrf()))))));
    }

    /** "Watch" from a platform, document, provision or topic page: which of your organisations watches it. */
    private void watchChooser(Context ctx) {
        Accounts.Session session = signedIn(ctx);
        Watch watch = Watch.parse(Optional.ofNullable(ctx.queryParam("kind")).orElse(""), ctx.queryParam("target"));
        List<List<Cell>> rows = memberships.memberships(session.user()).stream().filter(m -> m.role().permissions().contains(Permission.WATCH))
                .map(m -> List.of(Cell.of(m.organisation()), Cell.button(new Form("/orgs/" + m.organisation() + "/watches", "Watch",
                        List.of(Field.hidden("kind", watch.kind().name().toLowerCase(java.util.Locale.ROOT)), Field.hidden("target", watch.target())),
                        session.csrf())))).toList();
        render(ctx, new Panel("Watch " + watch, done(ctx), List.of(new Section(null, rows.isEmpty()
                ? List.of("None of your organisations lets you add watches: create one, or ask an admin to make you an analyst.")
                : List.of("Choose the organisation that watches it."), rows.isEmpty() ? null : new Table(List.of("Organisation", ""), rows),
                List.of()))));
    }

    /**
     * The signed-in person may make reports: one of their organisations is on a plan with reports.
     * Refused (401 to sign in, 403 naming the plan) otherwise.
     */
    void requireReports(Context ctx) {
        Accounts.Session session = signed.require(ctx);
        boolean allowed = memberships.memberships(session.user()).stream()
                .anyMatch(m -> records.organisation(memberships.access(session.user(), m.organisation())).plan().reports());
        if (!allowed) throw new Refused(Refused.Kind.FORBIDDEN, "Reports are part of the Professional plan: none of your organisations is on it.");
    }

    private Panel overview(Context ctx, Access a, String csrf) {
        Organisation o = records.organisation(a);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section(null, List.of("Plan: " + o.plan().label() + ". Weekly digest: " + o.digest() + ".",
                "Your role: " + a.role().map(Role::label).orElse("token") + "."), null, List.of()));
        sections.add(links(o.id()));
        sections.add(new Section("Members", List.of(), new Table(List.of("Name", "E-mail", "Role"), memberships.members(a).stream()
                .map(m -> List.of(Cell.of(m.user().name()), Cell.of(m.user().email()), Cell.of(m.role().label()))).toList()),
                a.may(Permission.MANAGE_MEMBERS) ? List.of(
                        new Form("/orgs/" + o.id() + "/members/invite", "Invite", List.of(Field.input("email", "E-mail address", "email"),
                                Field.select("role", "Role", List.of("viewer", "analyst", "admin", "owner"))), csrf),
                        new Form("/orgs/" + o.id() + "/members/role", "Change the role", List.of(Field.input("email", "Member's e-mail", "email"),
                                Field.select("role", "New role", List.of("viewer", "analyst", "admin", "owner"))), csrf)) : List.of()));
        if (a.may(Permission.MANAGE_CHANNELS)) {
            sections.add(new Section("Weekly digest", List.of("The digest lists what you were not told the same day, since the last one."), null,
                    List.of(new Form("/orgs/" + o.id() + "/digest", "Save", List.of(Field.select("day", "Day", List.of("monday", "tuesday", "wednesday",
                            "thursday", "friday", "saturday", "sunday")), new Field("hour", "Hour (0–23)", "number", Integer.toString(o.digest().hour()), List.of()),
                            new Field("zone", "Time zone", "text", o.digest().zone().getId(), List.of())), csrf))));
        }
        if (a.may(Permission.MANAGE_TOKENS)) {
            sections.add(new Section("API tokens", List.of("Scopes: read; watch (also adds watches and feedback); channels."),
                    new Table(List.of("Name", "Scopes", "Created", "State", ""), memberships.tokens(a).stream().map(t -> List.of(Cell.of(t.name()),
                            Cell.of(String.join(", ", t.scopes().stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList())),
                            Cell.of(WHEN.format(t.createdAt()) + " by " + t.createdBy()),
                            Cell.of(t.revokedAt().map(r -> "revoked " + WHEN.format(r)).orElse("active")),
                            t.revokedAt().isPresent() ? Cell.of("") : Cell.button(new Form("/orgs/" + o.id() + "/tokens/revoke", "Revoke",
                                    List.of(Field.hidden("id", t.id())), csrf)))).toList()),
                    List.of(new Form("/orgs/" + o.id() + "/tokens", "Create a token", List.of(Field.input("name", "Name", "text"),
                            new Field("scopes", "Scopes", "text", "read", List.of())), csrf))));
        }
        return new Panel(o.name(), done(ctx), sections);
    }

    private Panel watchlist(Context ctx, Access a, String csrf) {
        String org = a.organisation();
        boolean reports = records.organisation(a).plan().reports();
        List<List<Cell>> rows = records.watches(a).stream().map(w -> List.of(Cell.of(w.watch().kind().name().toLowerCase(java.util.Locale.ROOT)),
                Cell.link(w.watch().target(), href(w.watch())), Cell.of("since " + WHEN.format(w.since())), report(w.watch(), reports),
                a.may(Permission.WATCH) ? Cell.button(new Form("/orgs/" + org + "/watches/remove", "Stop watching", List.of(
                        Field.hidden("kind", w.watch().kind().name().toLowerCase(java.util.Locale.ROOT)), Field.hidden("target", w.watch().target())), csrf))
                        : Cell.of(""))).toList();
        return new Panel("Watchlist of " + org, done(ctx), List.of(links(org), new Section(null,
                rows.isEmpty() ? List.of("Nothing is watched yet: use the Watch link on a platform, document, provision or topic page, or add it here.") : List.of(),
                rows.isEmpty() ? null : new Table(List.of("Kind", "What", "Since", "Report", ""), rows),
                a.may(Permission.WATCH) ? List.of(new Form("/orgs/" + org + "/watches", "Watch", List.of(Field.select("kind", "Kind",
                        List.of("platform", "document", "provision", "topic", "regulation")),
                        Field.input("target", "What (amazon-web-services, chatgpt/terms-of-service, …#p0123456789a, a topic id, eu-ai-act#Art. 50)", "text")), csrf))
                        : List.of())));
    }

    /** A watched document's or provision's report, on a plan with reports. */
    private static Cell report(dev.clausewatch.alert.Watch watch, boolean reports) {
        if (!reports) return Cell.of("");
        String target = watch.target();
        return switch (watch.kind()) {
            case DOCUMENT -> Cell.link("PDF", "/documents/" + target + "/report.pdf");
            case PROVISION -> Cell.link("PDF", "/documents/" + target.substring(0, target.indexOf('#')) + "/report.pdf?provision="
                    + target.substring(target.indexOf('#') + 1));
            default -> Cell.of("");
        };
    }

    private Panel alerts(Context ctx, Access a, String csrf) {
        String org = a.organisation();
        Map<String, List<Delivery>> byNotice = new LinkedHashMap<>();
        for (Delivery d : records.deliveries(a)) byNotice.computeIfAbsent(d.noticeId(), k -> new ArrayList<>()).add(d);
        List<Alert> alerts = new ArrayList<>(records.alerts(a));
        java.util.Collections.reverse(alerts);
        List<List<Cell>> rows = new ArrayList<>();
        for (Alert alert : alerts) {
            String status = byNotice.getOrDefault(alert.id(), List.of()).stream().map(AccountPages::status).reduce((x, y) -> x + "; " + y)
                    .orElse(alert.cadence() == Alert.Cadence.DIGEST ? "kept for the weekly digest" : "no channel");
            rows.add(List.of(Cell.of(WHEN.format(alert.createdAt())), Cell.link(alert.message().subject(), alert.message().link()),
                    Cell.of(String.join(", ", alert.message().topics())), Cell.of(status),
                    a.may(Permission.FEEDBACK) ? Cell.button(new Form("/orgs/" + org + "/alerts/feedback", "Relevant", List.of(
                            Field.hidden("alert", alert.id()), Field.hidden("answer", "relevant")), csrf)) : Cell.of(""),
                    a.may(Permission.FEEDBACK) ? Cell.button(new Form("/orgs/" + org + "/alerts/feedback", "Not relevant", List.of(
                            Field.hidden("alert", alert.id()), Field.hidden("answer", "not-relevant")), csrf)) : Cell.of("")));
        }
        return new Panel("Alerts of " + org, done(ctx), List.of(links(org), new Section(null,
                rows.isEmpty() ? List.of("No alert yet: substantive changes to what you watch appear here.") : List.of(),
                rows.isEmpty() ? null : new Table(List.of("When", "Change", "Topics", "Delivery", "", ""), rows), List.of())));
    }

    /** "delivered 2026-12-03 12:03:05 UTC", "failed: … answered 503, retrying at …". */
    private static String status(Delivery d) {
        return d.channelId() + ": " + switch (d.state()) {
            case DELIVERED -> "delivered " + d.deliveredAt().map(WHEN::format).orElse("");
            case DEAD -> "failed for good: " + d.lastError().orElse("") + " (" + d.attempts() + " attempts)";
            case PENDING -> d.lastError().map(e -> "failed: " + e + ", retrying at " + WHEN.format(d.nextAttemptAt())).orElse("sending");
        };
    }

    private Panel channels(Context ctx, Access a, String csrf) {
        String org = a.organisation();
        List<List<Cell>> rows = records.channels(a).stream().map(c -> List.of(Cell.of(c.id()), Cell.of(c.kind().name().toLowerCase(java.util.Locale.ROOT)),
                Cell.of(c.address()), a.may(Permission.MANAGE_CHANNELS) ? Cell.button(new Form("/orgs/" + org + "/channels/test", "Send a test",
                        List.of(Field.hidden("id", c.id())), csrf)) : Cell.of(""),
                a.may(Permission.MANAGE_CHANNELS) ? Cell.button(new Form("/orgs/" + org + "/channels/remove", "Remove",
                        List.of(Field.hidden("id", c.id())), csrf)) : Cell.of(""))).toList();
        List<List<Cell>> log = records.deliveries(a).reversed().stream().limit(50).map(d -> List.of(Cell.of(d.noticeId()), Cell.of(status(d)))).toList();
        List<Section> sections = new ArrayList<>(List.of(links(org), new Section(null, List.of(), rows.isEmpty() ? null
                : new Table(List.of("Id", "Kind", "Address", "", ""), rows), a.may(Permission.MANAGE_CHANNELS) ? List.of(
                new Form("/orgs/" + org + "/channels", "Add the channel", List.of(Field.select("kind", "Kind", List.of("email", "webhook", "slack")),
                        Field.input("id", "Id", "text"), Field.input("address", "E-mail address or URL", "text")), csrf)) : List.of())));
        sections.add(new Section("Delivery log", log.isEmpty() ? List.of("Nothing sent yet.") : List.of(),
                log.isEmpty() ? null : new Table(List.of("Alert or digest", "Status"), log), List.of()));
        if (a.may(Permission.MANAGE_CHANNELS)) {
            sections.add(new Section("Private Atom feed", List.of("A secret address that any feed reader can follow; a new one ends the old."), null,
                    List.of(new Form("/orgs/" + org + "/feed", "Make a new feed address", List.of(), csrf),
                            new Form("/orgs/" + org + "/feed/revoke", "Revoke the feed", List.of(), csrf))));
        }
        return new Panel("Channels of " + org, done(ctx), sections);
    }

    private Panel digest(Context ctx, Access a, String csrf) {
        var d = records.digestPreview(a);
        List<Section> sections = new ArrayList<>(List.of(links(a.organisation()), Section.text(null, d.subject())));
        if (!d.byTopic().isEmpty()) {
            sections.add(new Section("By topic", List.of(), new Table(List.of("Topic", "Changes"), d.byTopic().entrySet().stream()
                    .map(e -> List.of(Cell.of(e.getKey()), Cell.of(Integer.toString(e.getValue())))).toList()), List.of()));
        }
        d.byPlatform().forEach((platform, alerts) -> sections.add(new Section(platform, List.of(), new Table(List.of("Change", "Why"),
                alerts.stream().map(al -> List.of(Cell.link(al.message().subject(), al.message().link()), Cell.of(al.message().reasons()))).toList()), List.of())));
        return new Panel("Digest preview of " + a.organisation(), done(ctx), sections);
    }

    // ---- helpers

    private static Section links(String org) {
        return new Section(null, List.of(), new Table(List.of("Overview", "Watchlist", "Alerts", "Channels", "Digest"), List.of(List.of(
                Cell.link(org, "/orgs/" + org), Cell.link("watchlist", "/orgs/" + org + "/watchlist"), Cell.link("alerts", "/orgs/" + org + "/alerts"),
                Cell.link("channels", "/orgs/" + org + "/channels"), Cell.link("digest", "/orgs/" + org + "/digest")))), List.of());
    }

    private static String href(Watch watch) {
        return switch (watch.kind()) {
            case PLATFORM -> "/platforms/" + watch.target();
            case DOCUMENT -> "/documents/" + watch.target();
            case PROVISION -> "/documents/" + watch.target().replace("#", "/provisions/");
            case TOPIC -> "/topics/" + watch.target();
            case REGULATION -> "/methodology";
            case USE -> {
                var use = watch.intendedUse();
                yield "/check?use=" + java.net.URLEncoder.encode(use.description(), java.nio.charset.StandardCharsets.UTF_8) + "&platforms="
                        + String.join(",", use.platforms().stream().map(p -> p.value()).toList())
                        + (use.jurisdictions().isEmpty() ? "" : "&jurisdictions=" + String.join(",", use.jurisdictions()));
            }
        };
    }

    @FunctionalInterface
    private interface OrgPanel {
        Panel build(Context ctx, Access access, String csrf);
    }

    @FunctionalInterface
    private interface OrgAction {
        void run(Context ctx, Access access);
    }

    private void orgPage(Context ctx, OrgPanel panel) {
        Accounts.Session session = signedIn(ctx);
        render(ctx, panel.build(ctx, memberships.access(session.user(), ctx.pathParam("org")), session.csrf()));
    }

    /** A form that changes an organisation's records, then shows {@code page} with the sentence of what happened or why not. */
    private void change(Map<String, Handler> routes, String path, String page, String done, OrgAction action) {
        routes.put(path, ctx -> orgChange(ctx, page, a -> {
            action.run(ctx, a);
            ctx.redirect("/orgs/" + a.organisation() + (page.isEmpty() ? "" : "/" + page) + "?done=" + done, HttpStatus.SEE_OTHER);
        }));
    }

    private void orgChange(Context ctx, String page, java.util.function.Consumer<Access> action) {
        Accounts.Session session = signed.requireForChange(ctx);
        Access access = memberships.access(session.user(), ctx.pathParam("org"));
        try {
            action.accept(access);
        } catch (Refused e) {
            if (e.kind() == Refused.Kind.NOT_FOUND && !page.isEmpty()) throw e;
            ctx.status(e.kind().status());
            OrgPanel again = switch (page) {
                case "watchlist" -> this::watchlist;
                case "channels" -> this::channels;
                case "alerts" -> this::alerts;
                default -> this::overview;
            };
            Panel panel = again.build(ctx, access, session.csrf());
            render(ctx, new Panel(panel.title(), e.getMessage(), panel.sections()));
        }
    }

    private void secret(Context ctx, String title, String sentence, String secret, Access a) {
        ctx.header("Cache-Control", "no-store");
        render(ctx, new Panel(title, null, List.of(new Section(null, List.of(sentence, secret), null, List.of()), links(a.organisation()))));
    }

    /** Runs a sign-up, sign-in or reset form; a refusal shows the same form with its sentence. */
    private void refusedOnPage(Context ctx, Runnable action) {
        try {
            action.run();
        } catch (Refused e) {
            if (e.kind() == Refused.Kind.UNAUTHENTICATED && !ctx.path().equals("/signin")) throw e;
            ctx.status(e.kind().status());
            render(ctx, new Panel("That did not work", e.getMessage(), List.of(Section.text(null, "Go back, correct it and send it again."))));
        }
    }

    private Accounts.Session signedIn(Context ctx) {
        return signed.session(ctx).orElseThrow(() -> new Refused(Refused.Kind.UNAUTHENTICATED, "sign in first"));
    }

    private void form(Context ctx, String title, String action, String submit, Field... fields) {
        String csrf = Signed.preSession(ctx);
        render(ctx, new Panel(title, done(ctx), List.of(new Section(null, List.of(), null, List.of(new Form(action, submit, List.of(fields), csrf))),
                new Section(null, List.of(), new Table(List.of("No account yet?", "Forgot your password?"),
                        List.of(List.of(Cell.link("Sign up", "/signup"), Cell.link("Reset it", "/reset")))), List.of()))));
    }

    private void render(Context ctx, Panel panel) {
        pages.panel(ctx, panel);
    }

    private static String done(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("done")).map(DONE::get).orElse(null);
    }

    /** Only a path on this site, so a link cannot send someone elsewhere after signing in. */
    static String local(String then) {
        return then != null && then.startsWith("/") && !then.startsWith("//") && !then.contains("\\") && then.length() < 500
                && then.chars().allMatch(c -> c > 0x20 && c != 0x7f) ? then : "/orgs"; // a tab or newline could make "/\t/evil.example" leave the site
    }

    private static String param(Context ctx, String name) {
        String value = ctx.formParam(name);
        if (value == null || value.isBlank()) throw new Refused(Refused.Kind.INVALID, "the form needs " + name);
        return value.strip();
    }

    private static int parseHour(String hour) {
        try {
            return Integer.parseInt(hour);
        } catch (NumberFormatException e) {
            throw new Refused(Refused.Kind.INVALID, "\"" + hour + "\" is not an hour: 0 to 23");
        }
    }
}
