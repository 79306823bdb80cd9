package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import dev.clausewatch.TestStores;
import dev.clausewatch.account.User;
import dev.clausewatch.alert.Alerter;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.alert.Watch;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Platform;
import io.javalin.Javalin;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Every Atom feed route on a real server (port 0) over real archived documents, read as feed readers
 * read them: well-formed XML by the JDK's parser, Atom by ROME's {@link WireFeedInput}, and what
 * RFC 4287 asks of a feed and of its entries; ids that are tag URIs (RFC 4151) which neither the
 * host name a feed is read at nor new versions (of another document, or numbering a document's
 * versions anew) change; and pages that name their feed in their head for feed readers to find.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedsTest {
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");
    private static final DocumentId TERMS = DocumentId.parse("chatgpt/terms-of-service");
    /** Nothing in the archive is older; a date before it is a default (the epoch) leaking out. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** RFC 4151: tag:authority,date:specific, the authority a domain name or e-mail address, the date YYYY[-MM[-DD]]. */
    private static final Pattern TAG = Pattern.compile("tag:[A-Za-z0-9.@-]+,\\d{4}(-\\d{2}(-\\d{2})?)?:[^\\s#]+");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Workspace w;
    private Javalin app;
    private String privateFeed;
    /** Each feed as read before the AWS policy got a new version and the ChatGPT terms an older one. */
    private final Map<String, Read> before = new LinkedHashMap<>();

    /** A feed as a reader keeps it: its id, its entries' ids (in order) with the page each links to, and its date. */
    private record Read(String id, Map<String, String> entries, Instant updated) {
        List<String> entryIds() {
            return List.copyOf(entries.keySet());
        }
    }

    private record Answer(int status, String contentType, String body) {}

    private static final DocumentId FLIP_FLOP = DocumentId.parse("flip-flop/terms-of-service");

    @Test
    void a_text_that_comes_back_is_no_second_change_so_a_change_id_never_repeats() throws Exception {
        // The archive holds each text once (a text seen again is an observation of its version), so the
        // pair of hashes that names a change is unique along a document's timeline: A, B, A, B is one change.
        String route = "/feeds/documents/flip-flop/terms-of-service.atom";
        assertThat(w.archive().timeline(FLIP_FLOP)).hasSize(2);
        assertThat(read(route, get(route)).entryIds()).singleElement().asString()
                .startsWith(Feeds.TAGGING_ENTITY + "change:flip-flop/terms-of-service:");
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        w = TestStores.SQLITE.open(dir);
        w.importer().importPaths(List.of(Path.of("demo/ota-history/chatgpt"), Path.of("demo/ota-history/amazon-web-services")));
        // A text that comes back and changes the same way again (A, B, A, B).
        w.registry().register(new Document(FLIP_FLOP, "Flip-Flop Terms"));
        String a = "# Terms\n\nYou may not resell the service.\n", b = "# Terms\n\nYou may not resell or rent the service.\n";
        w.archive().record(FLIP_FLOP, List.of(dev.clausewatch.archive.Observations.seen(a, "2024-01-01T00:00:00Z"),
                dev.clausewatch.archive.Observations.seen(b, "2024-02-01T00:00:00Z"), dev.clausewatch.archive.Observations.seen(a, "2024-03-01T00:00:00Z"),
                dev.clausewatch.archive.Observations.seen(b, "2024-04-01T00:00:00Z")));
        w.processor().catchUp(p -> {});
        // Registered, nothing archived: its document and platform feeds are empty and must still be dated.
        w.registry().register(new Document(DocumentId.parse("not-yet-archived/terms-of-service"), "Not Yet Archived"));
        User owner = w.accounts().signUp("owner@acme.test", "Owner", "a long passphrase number 0");
        w.memberships().createOrganisation(owner, "acme", "Acme");
        w.notifications().organisations().changePlan("acme", Plan.PROFESSIONAL);
        w.notifications().organisations().watch("acme", Watch.document(AUP));
        Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), w.analyzer(), Clock.systemUTC());
        alerter.run(); // the history imported before anyone watched tells nobody: the private feed starts empty
        privateFeed = w.organisationRecords().renewFeed(w.memberships().access(owner, "acme"));
        app = new WebServer(w.registry(), w.archive(), w.records(), w.analyzer())
                .withAccounts(w.accounts(), w.memberships(), w.organisationRecords()).start("127.0.0.1", 0);

        for (String route : feedRoutes()) before.put(route, read(route, get(route)));
        assertThat(before.get(privateFeed).entryIds()).as("no alert yet").isEmpty();
        // A new version of the AWS policy, changing a prohibition as a platform would, and the alert it makes.
        String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());
        String changed = latest.replaceFirst("(?m)^(\\s*[-*]\\s+)([^\\n]+)$", "$1Use the Services to generate political campaign material at scale.");
        assertThat(changed).isNotEqualTo(latest);
        Instant now = Instant.now();
        w.archive().record(AUP, List.of(new Observed(changed.getBytes(StandardCharsets.UTF_8), now, false, "test", List.of(),
                new Provenance("test", "capture-" + now, Map.of()))));
        w.processor().catchUp(p -> {});
        assertThat(alerter.run()).as("the watcher is told").isEqualTo(1);
        // An older text of the ChatGPT terms, imported later: every version of them is numbered anew.
        TimelineEntry first = w.archive().timeline(TERMS).getFirst();
        String older = w.archive().text(first.version()) + "\n\nAn obligation the older text had and the first archived one no longer has.\n";
        Instant earlier = first.firstObservedAt().minus(java.time.Duration.ofDays(365));
        w.archive().record(TERMS, List.of(new Observed(older.getBytes(StandardCharsets.UTF_8), earlier, false, "test", List.of(),
                new Provenance("test", "older-" + earlier, Map.of()))));
        w.processor().catchUp(p -> {});
        assertThat(w.archive().timeline(TERMS).getFirst().firstObservedAt()).isEqualTo(earlier);
    }

    @AfterAll
    void stop() {
        app.stop();
        w.close();
    }

    /** Every feed the server has: each registered document's and platform's, each topic's, and the organisation's private one. */
    private List<String> feedRoutes() {
        List<String> routes = new ArrayList<>();
        for (Document d : w.registry().documents()) routes.add("/feeds/documents/" + d.id() + ".atom");
        for (Platform p : w.registry().platforms()) routes.add("/feeds/platforms/" + p.id().value() + ".atom");
        for (String topic : w.knowledge().topics().keySet()) routes.add("/feeds/topics/" + topic + ".atom");
        routes.add(privateFeed);
        return routes;
    }

    @Test
    void every_feed_is_well_formed_atom_with_what_rfc_4287_requires_of_a_feed_and_its_entries() throws Exception {
        int empty = 0, entries = 0;
        for (String route : feedRoutes()) {
            Read read = read(route, get(route));
            if (read.entryIds().isEmpty()) empty++;
            entries += read.entryIds().size();
        }
        // Both ways of dating a feed were checked: by its newest entry, and without any.
        assertThat(empty).as("empty feeds checked").isPositive();
        assertThat(entries).as("entries checked").isPositive();
        assertThat(read(privateFeed, get(privateFeed)).entryIds()).as("the private feed has the alert").hasSize(1);
    }

    @Test
    void ids_are_the_same_whatever_host_name_the_feed_is_read_at_and_links_follow_the_host() throws Exception {
        for (String route : feedRoutes()) {
            Read direct = read(route, get(route));
            Answer other = get(route, "localhost:" + app.port());
            assertThat(other.status()).as(route).isEqualTo(200);
            Read named = read(route, other);
            assertThat(named.id()).as(route).isEqualTo(direct.id());
            assertThat(named.entryIds()).as(route).isEqualTo(direct.entryIds());
            assertThat(named.updated()).as(route).isEqualTo(direct.updated());
            // The two reads really came under two names: links are absolute under the one asked for.
            assertThat(other.body()).as(route).contains("href=\"http://localhost:" + app.port() + route + "\"")
                    .doesNotContain("127.0.0.1");
        }
    }

    @Test
    void new_versions_change_no_id_even_when_they_number_the_versions_anew() throws Exception {
        for (String route : feedRoutes()) {
            Read then = before.get(route), now = read(route, get(route));
            assertThat(now.id()).as(route).isEqualTo(then.id());
            boolean reached = route.contains("amazon-web-services") || route.contains("chatgpt") || route.startsWith("/feeds/topics/") || route.equals(privateFeed);
            if (!reached) {
                assertThat(now).as(route + " follows neither changed document").isEqualTo(then);
            } else {
                // Entries already read keep their ids; new versions may only add.
                assertThat(now.entryIds()).as(route).containsAll(then.entryIds());
            }
        }
        // The older ChatGPT text moved every version of the terms one number on: each change keeps its id, its page's numbers moved.
        String terms = "/feeds/documents/" + TERMS + ".atom";
        Read then = before.get(terms), now = read(terms, get(terms));
        assertThat(then.entries()).as("changes of the terms before").isNotEmpty()
                .allSatisfy((id, link) -> assertThat(now.entries().get(id)).as(id).isNotNull().isNotEqualTo(link));
        assertThat(now.entries()).hasSize(then.entries().size() + 1);
        String documentFeed = "/feeds/documents/" + AUP + ".atom";
        List<String> added = new ArrayList<>(read(documentFeed, get(documentFeed)).entryIds());
        added.removeAll(before.get(documentFeed).entryIds());
        List<TimelineEntry> timeline = w.archive().timeline(AUP);
        String previous = timeline.get(timeline.size() - 2).version().contentSha256(), latest = timeline.getLast().version().contentSha256();
        assertThat(added).singleElement().satisfies(id -> assertThat(id).contains(AUP.toString(), previous, latest)
                .doesNotContain("127.0.0.1").doesNotContain("from=").doesNotContain("to="));
    }

    @Test
    void pages_with_a_feed_name_it_in_their_head_and_the_feed_names_the_page_back() throws Exception {
        List<String> pages = new ArrayList<>();
        for (Document d : w.registry().documents()) if (!w.archive().timeline(d.id()).isEmpty()) pages.add("/documents/" + d.id());
        for (Platform p : w.registry().platforms()) pages.add("/platforms/" + p.id().value());
        for (String topic : w.knowledge().topics().keySet()) pages.add("/topics/" + topic);
        String base = "http://127.0.0.1:" + app.port();
        for (String page : pages) {
            Answer html = get(page);
            assertThat(html.status()).as(page).isEqualTo(200);
            var links = org.jsoup.Jsoup.parse(html.body()).select("head > link[rel=alternate][type=application/atom+xml]");
            assertThat(links).as(page).hasSize(1);
            assertThat(links.first().attr("title")).as(page).isNotBlank();
            String href = links.first().attr("href");
            Answer atom = get(href);
            assertThat(atom.status()).as(href).isEqualTo(200);
            assertThat(atom.contentType()).as(href).startsWith("application/atom+xml");
            Feed feed = (Feed) new WireFeedInput().build(new StringReader(atom.body()));
            assertThat(feed.getTitle()).as(href).isEqualTo(links.first().attr("title"));
            assertThat(links(feed.getOtherLinks(), "self")).as(href).containsExactly(base + href);
            assertThat(links(feed.getAlternateLinks(), "alternate")).as(href).containsExactly(base + page);
        }
        assertThat(org.jsoup.Jsoup.parse(get("/methodology").body()).select("link[type=application/atom+xml]")).as("a page without a feed").isEmpty();
    }

    /**
     * The feed at {@code route} checked as a reader would take it: well-formed XML (the JDK's parser),
     * the elements RFC 4287 requires of a feed and of each entry (§4.1.1, §4.1.2) counted in the XML
     * itself, then read as Atom by ROME: tag ids, dates no earlier than {@link #EARLIEST}, absolute
     * links, the feed's own address as {@code rel="self"}.
     */
    private Read read(String route, Answer answer) throws Exception {
        assertThat(answer.status()).as(route).isEqualTo(200);
        assertThat(answer.contentType()).as(route).startsWith("application/atom+xml");
        Element root = wellFormed(route, answer.body());
        assertThat(root.getNamespaceURI() + " " + root.getLocalName()).as(route).isEqualTo(ATOM_NS + " feed");
        requireOnce(route, root, "id", "title", "updated");
        assertThat(children(root, "author")).as(route + ": a feed author").isNotEmpty().allSatisfy(a -> requireOnce(route, a, "name"));
        assertThat(children(root, "link").stream().filter(l -> l.getAttribute("rel").equals("self"))).as(route + ": rel=self").hasSize(1);
        for (Element entry : children(root, "entry")) {
            requireOnce(route + " entry", entry, "id", "title", "updated");
            assertThat(children(entry, "author")).as(route + ": the entry's author, said again").isNotEmpty();
            assertThat(children(entry, "summary").size() + children(entry, "content").size()).as(route + ": the entry's text").isPositive();
        }

        Feed feed = (Feed) new WireFeedInput().build(new StringReader(answer.body()));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getId()).as(route).matches(TAG);
        assertThat(feed.getTitle()).as(route).isNotBlank();
        assertThat(feed.getAuthors()).as(route).allSatisfy(a -> assertThat(a.getName()).isNotBlank());
        Instant updated = instant(route, children(root, "updated").getFirst());
        assertThat(updated).as(route + " updated").isAfter(EARLIEST);
        String self = links(feed.getOtherLinks(), "self").getFirst();
        assertThat(URI.create(self).getRawPath()).as(route + " self").isEqualTo(route);
        assertThat(feed.getOtherLinks()).filteredOn(l -> "self".equals(l.getRel())).allSatisfy(l -> assertThat(l.getType()).isEqualTo("application/atom+xml"));
        assertThat(links(feed.getAlternateLinks(), "alternate")).as(route + " the page it stands for").singleElement()
                .satisfies(href -> assertThat(URI.create(href).isAbsolute()).isTrue());

        Map<String, String> ids = new LinkedHashMap<>();
        List<Element> entries = children(root, "entry");
        for (int i = 0; i < feed.getEntries().size(); i++) {
            Entry entry = feed.getEntries().get(i);
            assertThat(entry.getId()).as(route).matches(TAG);
            assertThat(entry.getTitle()).as(route).isNotBlank();
            Instant entryUpdated = instant(route, children(entries.get(i), "updated").getFirst());
            assertThat(entryUpdated).as(route + " " + entry.getId()).isAfter(EARLIEST).isBeforeOrEqualTo(updated);
            assertThat(links(entry.getAlternateLinks(), "alternate")).as(route + " " + entry.getId()).singleElement()
                    .satisfies(href -> assertThat(URI.create(href).isAbsolute()).isTrue());
            assertThat(entry.getSummary().getValue()).as(route + " " + entry.getId()).isNotBlank();
            assertThat(ids.put(entry.getId(), links(entry.getAlternateLinks(), "alternate").getFirst())).as(route + ": ids are unique in a feed").isNull();
        }
        if (!ids.isEmpty()) {
            // A feed changes when its newest entry does.
            Instant newest = entries.stream().map(e -> instant(route, children(e, "updated").getFirst())).max(Instant::compareTo).orElseThrow();
            assertThat(updated).as(route).isEqualTo(newest);
        }
        return new Read(feed.getId(), ids, updated);
    }

    private static Element wellFormed(String route, String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    /** An RFC 3339 date-time, as Atom dates are (§3.3). */
    private static Instant instant(String route, Element date) {
        return OffsetDateTime.parse(date.getTextContent().strip()).toInstant();
    }

    private static void requireOnce(String where, Element parent, String... names) {
        for (String name : names) {
            assertThat(children(parent, name)).as(where + ": exactly one atom:" + name).hasSize(1);
            assertThat(children(parent, name).getFirst().getTextContent()).as(where + ": atom:" + name).isNotBlank();
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ATOM_NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) found.add(e);
        }
        return found;
    }

    /** The hrefs of the links with relation {@code rel} (a link without one is "alternate", RFC 4287 §4.2.7.2). */
    private static List<String> links(List<Link> links, String rel) {
        return links.stream().filter(l -> rel.equals(Optional.ofNullable(l.getRel()).orElse("alternate"))).map(Link::getHref).toList();
    }

    private Answer get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** The same request under another host name (the JDK's client will not send a chosen Host header): plain HTTP/1.0 on a socket. */
    private Answer get(String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = response.substring(0, end);
            String type = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).strip()).findFirst().orElse("");
            return new Answer(Integer.parseInt(head.split(" ")[1]), type, response.substring(end + 4));
        }
    }
}
