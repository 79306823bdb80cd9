package dev.clausewatch.web;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.registry.Document;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

/**
 * Atom feeds of governance events: each new version of a document is an entry saying whether
 * the change is substantive (with the count of substantive provision changes) or cosmetic, and
 * linking to the change page. Technical upgrades are left out: they never alert. A topic feed keeps
 * only the changes whose substantive provision changes touch a provision on that topic.
 */
final class Feeds {
    private final DerivedRecords changes;

    private final ArchiveView view;

    Feeds(DerivedRecords changes, ArchiveView view) {
        this.changes = changes;
        this.view = view;
    }

    void documents(Context ctx, String title, String selfPath, List<Document> documents) {
        write(ctx, title, selfPath, documents, Scope.ALL);
    }

    /** Substantive changes, across {@code documents}, that touch a provision matching {@code onTopic} (before or after). */
    void topic(Context ctx, String title, String selfPath, List<Document> documents, String topicTitle, Predicate<ProvisionChange> onTopic) {
        write(ctx, title, selfPath, documents, new Scope(topicTitle, onTopic));
    }

    /** Which provision changes an entry counts; {@code name} is added to entry titles when set. */
    private record Scope(String name, Predicate<ProvisionChange> counts) {
        static final Scope ALL = new Scope("", change -> true);
    }

    private void write(Context ctx, String title, String selfPath, List<Document> documents, Scope scope) {
        // A feed is the same document for every reader until the derived records change: kept per state and address.
        String xml = view.keep("feed " + base(ctx) + selfPath, () -> render(ctx, title, selfPath, documents, scope));
        ctx.contentType("application/atom+xml; charset=utf-8").result(xml);
    }

    private String render(Context ctx, String title, String selfPath, List<Document> documents, Scope scope) {
        List<SyndEntry> entries = new ArrayList<>();
        for (Document d : documents) entries.addAll(entries(ctx, d, scope));
        entries.sort(Comparator.comparing(SyndEntry::getUpdatedDate).reversed());
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(title);
        feed.setLink(base(ctx) + selfPath);
        feed.setUri(base(ctx) + selfPath);
        feed.setDescription("Governance events tracked by Clausewatch");
        feed.setPublishedDate(entries.isEmpty() ? new Date(0) : entries.getFirst().getUpdatedDate());
        feed.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write the feed " + selfPath, e);
        }
    }

    /**
     * An organisation's private feed: its alerts, newest first, each linking to its change. Never
     * kept or cached: the address is a secret, and revoking it must end it at once.
     */
    void alerts(Context ctx, List<dev.clausewatch.alert.Alert> alerts) {
        List<SyndEntry> entries = new ArrayList<>();
        for (dev.clausewatch.alert.Alert alert : alerts) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(alert.message().subject());
            entry.setLink(base(ctx) + alert.message().link());
            entry.setUri("urn:clausewatch:alert:" + alert.id());
            entry.setUpdatedDate(Date.from(alert.createdAt()));
            entry.setPublishedDate(Date.from(alert.createdAt()));
            SyndContentImpl summary = new SyndContentImpl();
            summary.setType("text/plain");
            summary.setValue(dev.clausewatch.alert.AlertText.plain(alert, base(ctx)));
            entry.setDescription(summary);
            entries.add(entry);
        }
        entries.sort(Comparator.comparing(SyndEntry::getUpdatedDate).reversed());
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle("Clausewatch alerts");
        feed.setLink(base(ctx) + "/orgs");
        feed.setUri("urn:clausewatch:alerts");
        feed.setDescription("The alerts of one organisation's watchlist");
        feed.setPublishedDate(entries.isEmpty() ? new Date(0) : entries.getFirst().getUpdatedDate());
        feed.setEntries(entries);
        try {
            ctx.header("Cache-Control", "private, no-store").contentType("application/atom+xml; charset=utf-8").result(new SyndFeedOutput().outputString(feed));
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write the alert feed", e);
        }
    }

    private List<SyndEntry> entries(Context ctx, Document document, Scope scope) {
        List<SyndEntry> entries = new ArrayList<>();
        for (dev.clausewatch.derivation.DerivedChange event : changes.changeSets(document.id())) {
            ChangeSet set = event.changes();
            if (set.technical()) continue;
            List<ProvisionChange> counted = set.substantiveChanges().stream().filter(scope.counts()).toList();
            if (scope != Scope.ALL && counted.isEmpty()) continue;
            int n = event.number();
            String link = base(ctx) + "/documents/" + document.id() + "/changes?from=" + (n - 1) + "&to=" + n;
            SyndEntry entry = new SyndEntryImpl();
            String on = scope.name().isEmpty() ? "" : " on " + scope.name();
            entry.setTitle(document.title() + ": " + (counted.isEmpty() ? "cosmetic change" : counted.size() + " substantive changes" + on));
            entry.setLink(link);
            entry.setUri(link);
            Date date = Date.from(event.observedAt());
            entry.setUpdatedDate(date);
            entry.setPublishedDate(date);
            SyndContentImpl summary = new SyndContentImpl();
            summary.setType("text/plain");
            summary.setValue(summary(set, counted));
            entry.setDescription(summary);
            entries.add(entry);
        }
        return entries;
    }

    /**
     * The entry's text for a feed reader: what kind of change, then each counted substantive change
     * with where it sits ("modified in Privacy › Sharing"), at most a few, then how many more.
     */
    static String summary(ChangeSet set, List<ProvisionChange> counted) {
        if (counted.isEmpty()) return "Cosmetic change only (white space, punctuation, formatting, numbering or dates): nothing a reader is bound by changed.";
        StringBuilder text = new StringBuilder(counted.size() + (counted.size() == 1 ? " substantive provision change" : " substantive provision changes"));
        if (set.effectiveDateChanged()) {
            text.append("; effective date ").append(set.effectiveBefore().map(d -> d.date().toString()).orElse("none"))
                    .append(" → ").append(set.effectiveAfter().map(d -> d.date().toString()).orElse("none"));
        }
        text.append(":");
        counted.stream().limit(SHOWN).forEach(c -> text.append("\n- ").append(c.kind().name().toLowerCase(java.util.Locale.ROOT))
                .append(c.location().isEmpty() ? "" : " in " + c.location()).append(": ").append(quote(c)));
        if (counted.size() > SHOWN) text.append("\n… and ").append(counted.size() - SHOWN).append(" more.");
        return text.toString();
    }

    private static final int SHOWN = 5;

    private static String quote(ProvisionChange c) {
        String text = c.after().or(c::before).map(dev.clausewatch.provision.Provision::text).orElse("");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }
}
