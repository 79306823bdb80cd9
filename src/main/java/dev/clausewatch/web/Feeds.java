package dev.clausewatch.web;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.clausewatch.account.OrganisationRecords;
import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.AlertText;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.derivation.DerivedChange;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.knowledge.Topic;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.Platform;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Atom feeds (RFC 4287) of governance events: each new version of a document is an entry saying whether
 * the change is substantive (with the count of substantive provision changes) or cosmetic, and
 * linking to the change page. Technical upgrades are left out: they never alert. A topic feed keeps
 * only the changes whose substantive provision changes touch a provision on that topic.
 *
 * <p>Ids are tag URIs (RFC 4151) naming what a feed or an entry is, never where it was read: a feed by
 * what it follows, a change by its document and the SHA-256 of its two texts, an alert by its own id.
 * So an entry keeps its id behind any host name, and keeps it when versions are numbered anew (an older
 * history imported later) as long as it is the same change. Links stay absolute per request, as feed
 * readers need them; dates come from the archive, never from the clock of the request.
 */
final class Feeds {
    /** The tagging entity of every id: the project's domain name and a date on which it held it (RFC 4151 §2.1). */
    static final String TAGGING_ENTITY = "tag:clausewatch.dev,2024:";

    private static final String ATOM = "application/atom+xml";

    private final DerivedRecords changes;
    private final ArchiveView view;
    /** The last resort for dating an empty feed when nothing at all is registered: it has been served since. */
    private final Instant started = Instant.now();

    Feeds(DerivedRecords changes, ArchiveView view) {
        this.changes = changes;
        this.view = view;
    }

    /**
     * What a feed follows: its {@code kind} and {@code name} (what its tag id says), its title and
     * subtitle, its own path and the path of the HTML page it stands for. Pages name their feed with it
     * too, so a page's autodiscovery link and the feed's {@code rel="self"} are one address.
     */
    record Subject(String kind, String name, String title, String subtitle, String path, String page) {
        private static final String EVENTS = "Governance events tracked by Clausewatch";

        static Subject document(Document d) {
            return new Subject("document", d.id().toString(), d.title() + " — Clausewatch", EVENTS, "/feeds/documents/" + d.id() + ".atom",
                    "/documents/" + d.id());
        }

        static Subject platform(Platform p) {
            String id = p.id().value();
            return new Subject("platform", id, p.name() + " — Clausewatch", EVENTS, "/feeds/platforms/" + id + ".atom", "/platforms/" + id);
        }

        static Subject topic(Topic t) {
            return new Subject("topic", t.id(), t.title() + " — Clausewatch", EVENTS, "/feeds/topics/" + t.id() + ".atom", "/topics/" + t.id());
        }

        /** The feed's id: the same whatever host or address (a renewed private one) it is read at. */
        String id() {
            return tag("feed:" + kind + ":" + name);
        }

        /** The link a page puts in its head for feed readers to find this feed. */
        Pages.FeedLink link() {
            return new Pages.FeedLink(title, path);
        }
    }

    /** One entry's values, before they become Atom: all RFC 4287 asks of an entry, the author aside (the feed's). */
    private record Item(String id, String title, String link, Instant updated, String summary) {
        static final Comparator<Item> NEWEST_FIRST = Comparator.comparing(Item::updated).reversed().thenComparing(Item::id);
    }

    void documents(Context ctx, Subject subject, List<Document> documents) {
        write(ctx, subject, documents, Scope.ALL);
    }

    /** Substantive changes, across {@code documents}, that touch a provision matching {@code onTopic} (before or after). */
    void topic(Context ctx, Subject subject, List<Document> documents, String topicTitle, Predicate<ProvisionChange> onTopic) {
        write(ctx, subject, documents, new Scope(topicTitle, onTopic));
    }

    /** Which provision changes an entry counts; {@code name} is added to entry titles when set. */
    private record Scope(String name, Predicate<ProvisionChange> counts) {
        static final Scope ALL = new Scope("", change -> true);
    }

    private void write(Context ctx, Subject subject, List<Document> documents, Scope scope) {
        // A feed is the same for every reader until the derived records change, except its links,
        // which are absolute under the address it was asked at: kept per state, base and feed.
        String base = base(ctx);
        String xml = view.keep("feed " + base + subject.path(), () -> render(base, subject, documents, scope));
        ctx.contentType(ATOM + "; charset=utf-8").result(xml);
    }

    private String render(String base, Subject subject, List<Document> documents, Scope scope) {
        List<Item> items = new ArrayList<>();
        Optional<Instant> newestRecorded = Optional.empty();
        for (Document d : documents) {
            // One read of the timeline names each change by its versions and dates the feed when it has no entry.
            List<TimelineEntry> timeline = view.archive().timeline(d.id());
            items.addAll(items(base, d, timeline, scope));
            newestRecorded = later(newestRecorded, timeline.stream().map(e -> e.version().recordedAt()).max(Comparator.naturalOrder()));
        }
        items.sort(Item.NEWEST_FIRST);
        Instant whenEmpty = newestRecorded.or(() -> view.registry().beginning()).orElse(started);
        return xml(base, subject, items, whenEmpty);
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    /**
     * An organisation's private feed: its alerts, newest first, each linking to its change. Never
     * kept or cached: the address is a secret, and revoking it must end it at once. Its self link is
     * the secret address it was read at; its id names the organisation's alerts, so a renewed address
     * is the same feed to a reader.
     */
    void alerts(Context ctx, OrganisationRecords.AlertFeed feed) {
        String base = base(ctx);
        List<Item> items = new ArrayList<>();
        for (Alert alert : feed.alerts()) {
            items.add(new Item(tag("alert:" + alert.id()), alert.message().subject(), base + alert.message().link(), alert.createdAt(),
                    AlertText.plain(alert, base)));
        }
        items.sort(Item.NEWEST_FIRST);
        Subject subject = new Subject("alerts", feed.organisation(), "Clausewatch alerts", "The alerts of one organisation's watchlist", ctx.path(),
                "/orgs/" + feed.organisation() + "/alerts");
        ctx.header("Cache-Control", "private, no-store").contentType(ATOM + "; charset=utf-8").result(xml(base, subject, items, feed.since()));
    }

    private List<Item> items(String base, Document document, List<TimelineEntry> timeline, Scope scope) {
        List<Item> items = new ArrayList<>();
        for (DerivedChange event : changes.changeSets(document.id(), timeline)) {
            ChangeSet set = event.changes();
            if (set.technical()) continue;
            List<ProvisionChange> counted = set.substantiveChanges().stream().filter(scope.counts()).toList();
            if (scope != Scope.ALL && counted.isEmpty()) continue;
            int n = event.number();
            TimelineEntry from = timeline.get(n - 2), to = timeline.get(n - 1);
            String on = scope.name().isEmpty() ? "" : " on " + scope.name();
            String title = document.title() + ": " + (counted.isEmpty() ? "cosmetic change" : counted.size() + " substantive changes" + on);
            String link = base + "/documents/" + document.id() + "/changes?from=" + (n - 1) + "&to=" + n;
            items.add(new Item(changeId(document, from, to), title, link, to.firstObservedAt(), summary(set, counted)));
        }
        return items;
    }

    /** A change's id: its document and the content hashes of the texts before and after, which no renumbering touches. */
    static String changeId(Document document, TimelineEntry from, TimelineEntry to) {
        return tag("change:" + document.id() + ":" + from.version().contentSha256() + ".." + to.version().contentSha256());
    }

    /**
     * The feed as Atom: id, title, updated (the newest entry's, else {@code whenEmpty}), the author,
     * a self link and the page it stands for; each entry carries the author again so that it stands
     * alone when a reader copies it into another feed (RFC 4287 §4.2.1).
     */
    private static String xml(String base, Subject subject, List<Item> items, Instant whenEmpty) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(subject.id());
        feed.setTitle(subject.title());
        feed.setSubtitle(text(subject.subtitle()));
        feed.setUpdated(Date.from(items.isEmpty() ? whenEmpty : items.getFirst().updated()));
        feed.setAuthors(author(base));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", base + subject.page())));
        feed.setOtherLinks(List.of(link("self", ATOM, base + subject.path())));
        feed.setEntries(new ArrayList<>(items.stream().map(item -> entry(base, item)).toList()));
        try {
            return new WireFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write the feed " + subject.id(), e);
        }
    }

    private static Entry entry(String base, Item item) {
        Entry entry = new Entry();
        entry.setId(item.id());
        entry.setTitle(item.title());
        entry.setUpdated(Date.from(item.updated()));
        entry.setPublished(Date.from(item.updated()));
        entry.setAlternateLinks(List.of(link("alternate", "text/html", item.link())));
        entry.setAuthors(author(base));
        entry.setSummary(text(item.summary()));
        return entry;
    }

    /** Who publishes every feed: Clausewatch itself, at the site the feed was read from. */
    private static List<SyndPerson> author(String base) {
        Person author = new Person();
        author.setName("Clausewatch");
        author.setUri(base + "/");
        return List.of(author);
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType(Content.TEXT);
        content.setValue(value);
        return content;
    }

    /** What an RFC 4151 tag's specific part may hold as it is (RFC 3986 pchar, "/" and "?"); the rest is percent-encoded. */
    private static final String TAG_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?";

    /** A tag URI under {@link #TAGGING_ENTITY} whose specific part is {@code specific}, made safe. */
    static String tag(String specific) {
        StringBuilder tag = new StringBuilder(TAGGING_ENTITY);
        for (byte b : specific.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0 && TAG_SAFE.indexOf(b) >= 0) tag.append((char) b);
            else tag.append('%').append(String.format("%02X", b & 0xff));
        }
        return tag.toString();
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
