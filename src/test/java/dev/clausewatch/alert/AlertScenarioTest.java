package dev.clausewatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.clausewatch.TestStores;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Platform;
import dev.clausewatch.registry.PlatformId;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Same-day alerts on real parts: the archive and processor on SQLite and on PostgreSQL, the demo's
 * real AWS Acceptable Use Policy history, an SMTP server in the test (GreenMail on loopback) and a
 * webhook receiver on loopback that checks nothing but what a real receiver would.
 */
class AlertScenarioTest {
    private static final DocumentId AUP = DocumentId.parse("amazon-web-services/acceptable-use-policy");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The receivers here run on loopback, which only tests allow. */
    private static final Destinations DESTINATIONS = new Destinations(new dev.clausewatch.capture.AddressPolicy(true));

    @TempDir Path dir;
    private GreenMail smtp;
    private HttpServer receiver;
    private final ConcurrentLinkedQueue<Map<String, String>> posted = new ConcurrentLinkedQueue<>();
    private final List<Integer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posted.add(Map.of("id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("webhook-signature"), "body", body));
            int status = answers.isEmpty() ? 204 : answers.removeFirst();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        smtp.stop();
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    }

    private Dispatcher dispatcher(Workspace w) {
        return new Dispatcher(w.alerts(), Map.of(Channel.Kind.WEBHOOK, new WebhookSender(HttpClient.newHttpClient(), DESTINATIONS, clock),
                Channel.Kind.EMAIL, new EmailSender("127.0.0.1", smtp.getSmtp().getPort(), "alerts@clausewatch.test", "http://clausewatch.test")),
                clock, "test", Duration.ofMinutes(1));
    }

    private void capture(Workspace w, String text) {
        w.archive().record(AUP, List.of(new Observed(text.getBytes(StandardCharsets.UTF_8), now.get(), false, "test", List.of(),
                new Provenance("test", "capture-" + now.get(), Map.of()))));
        w.processor().catchUp(p -> {});
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_watcher_hears_of_a_changed_prohibition_by_email_and_signed_webhook_the_same_day_and_a_free_plan_waits_for_its_digest(TestStores store)
            throws Exception {
        try (Workspace w = store.open(dir)) {
            w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services")));
            w.processor().catchUp(p -> {});
            Organisations organisations = new Organisations(w.alerts(), w.registry(), w.knowledge(), DESTINATIONS, clock);
            Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), w.analyzer(), clock);
            assertThat(alerter.run()).as("history imported before anyone watched tells nobody").isZero();

            organisations.create("acme", "Acme Compliance", Plan.WATCHER);
            organisations.watch("acme", Watch.document(AUP));
            Channel webhook = organisations.webhook("acme", "ops-hook", hook());
            organisations.email("acme", "counsel", "counsel@acme.test");
            organisations.create("smallco", "Small Co", Plan.FREE);
            organisations.watch("smallco", Watch.platform("amazon-web-services"));
            organisations.email("smallco", "owner", "owner@smallco.test");

            String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());
            String changed = latest.replaceFirst("(?m)^(\\s*[-*]\\s+)([^\\n]+)$", "$1Use the Services to generate political campaign material at scale.")
                    .replace("Last Updated: July 1, 2021", "Last Updated: December 1, 2026");
            assertThat(changed).isNotEqualTo(latest).contains("December 1, 2026");
            now.set(now.get().plusSeconds(60));
            capture(w, changed);

            assertThat(alerter.run()).as("one alert per organisation that watches it").isEqualTo(2);
            assertThat(dispatcher(w).run()).as("delivered: the webhook and the e-mail").isEqualTo(2);

            assertThat(posted).singleElement().satisfies(request -> {
                assertThat(WebhookSender.sign(webhook.secret().orElseThrow(), request.get("id"), request.get("timestamp"), request.get("body")))
                        .as("the signature a receiver recomputes").isEqualTo(request.get("signature").substring("v1,".length()));
                JsonNode body = JSON.readTree(request.get("body"));
                assertThat(body.at("/message/document").asText()).isEqualTo(AUP.toString());
                assertThat(body.at("/message/changes").findValuesAsText("after")).anySatisfy(q -> assertThat(q).contains("political campaign material"));
                assertThat(body.at("/message/link").asText()).startsWith("/documents/" + AUP + "/changes?from=");
                assertThat(body.at("/message/effectiveDate").asText()).isEqualTo("2021-07-01 → 2026-12-01");
            });
            MimeMessage[] mails = smtp.getReceivedMessages();
            assertThat(mails).singleElement().satisfies(mail -> {
                assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("counsel@acme.test");
                assertThat(mail.getSubject()).contains("substantive change");
                assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("political campaign material");
            });
            assertThat(w.alerts().alerts("smallco")).singleElement().satisfies(a -> assertThat(a.cadence()).isEqualTo(Alert.Cadence.DIGEST));
            assertThat(w.alerts().deliveries("smallco")).as("the Free plan's alert waits for the weekly digest").isEmpty();

            now.set(now.get().plusSeconds(60));
            capture(w, changed.replace("\n\n", "\n\n\n"));
            now.set(now.get().plusSeconds(60));
            capture(w, changed.replaceFirst("political campaign", "political  campaign"));
            assertThat(alerter.run()).as("cosmetic re-captures tell nobody").isZero();
            assertThat(dispatcher(w).run()).isZero();
            assertThat(posted).hasSize(1);
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(w.alerts().deliveries("acme")).allSatisfy(d -> assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED));
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_receiver_that_fails_is_retried_later_with_the_same_key_and_a_refusal_is_final(TestStores store) throws Exception {
        try (Workspace w = store.open(dir)) {
            w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services")));
            w.processor().catchUp(p -> {});
            Organisations organisations = new Organisations(w.alerts(), w.registry(), w.knowledge(), DESTINATIONS, clock);
            organisations.create("acme", "Acme", Plan.PROFESSIONAL);
            organisations.watch("acme", Watch.document(AUP));
            organisations.webhook("acme", "hook", hook());
            Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), w.analyzer(), clock);
            alerter.run();

            String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());
            now.set(now.get().plusSeconds(60));
            capture(w, latest + "\n\nYou may not use the Services to operate autonomous weapons.\n");
            assertThat(alerter.run()).isEqualTo(1);

            answers.add(503);
            assertThat(dispatcher(w).run()).isZero();
            Delivery waiting = w.alerts().deliveries("acme").getFirst();
            assertThat(waiting.state()).isEqualTo(Delivery.State.PENDING);
            assertThat(waiting.lastError()).hasValueSatisfying(e -> assertThat(e).contains("503"));
            assertThat(waiting.nextAttemptAt()).isAfter(now.get());
            assertThat(dispatcher(w).run()).as("not before its time").isZero();

            now.set(waiting.nextAttemptAt());
            assertThat(dispatcher(w).run()).isEqualTo(1);
            assertThat(posted).hasSize(2).extracting(r -> r.get("id")).containsOnly(waiting.key());

            now.set(now.get().plusSeconds(60));
            capture(w, latest + "\n\nYou may not use the Services to operate autonomous weapons or surveillance systems.\n");
            alerter.run();
            answers.add(410);
            dispatcher(w).run();
            assertThat(w.alerts().deliveries("acme")).filteredOn(d -> d.state() == Delivery.State.DEAD).singleElement()
                    .satisfies(d -> assertThat(d.lastError()).hasValueSatisfying(e -> assertThat(e).contains("410")));
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void plans_refuse_what_they_do_not_include_with_a_sentence_naming_the_plan_that_does(TestStores store) {
        try (Workspace w = store.open(dir)) {
            for (int i = 1; i <= 11; i++) {
                w.registry().register(new Platform(new PlatformId("platform-" + i), "Platform " + i));
                w.registry().register(new Document(DocumentId.parse("platform-" + i + "/terms-of-service"), "Terms " + i));
            }
            Organisations organisations = new Organisations(w.alerts(), w.registry(), w.knowledge(), DESTINATIONS, clock);
            organisations.create("acme", "Acme", Plan.WATCHER);
            for (int i = 1; i <= 10; i++) organisations.watch("acme", Watch.platform("platform-" + i));
            organisations.watch("acme", Watch.document(DocumentId.parse("platform-3/terms-of-service")));
            assertThatThrownBy(() -> organisations.watch("acme", Watch.platform("platform-11")))
                    .hasMessage("The Watcher plan watches at most 10 platforms; this would be 11. The Professional plan watches any number of platforms.");
            assertThatThrownBy(() -> organisations.watch("acme", Watch.provision(DocumentId.parse("platform-1/terms-of-service"), "p0123456789a")))
                    .hasMessageContaining("Professional plan");
            organisations.changePlan("acme", Plan.PROFESSIONAL);
            organisations.watch("acme", Watch.platform("platform-11"));
            assertThat(w.alerts().watches("acme")).hasSize(12);

            organisations.create("solo", "Solo", Plan.FREE);
            organisations.watch("solo", Watch.platform("platform-1"));
            assertThatThrownBy(() -> organisations.watch("solo", Watch.document(DocumentId.parse("platform-2/terms-of-service"))))
                    .hasMessage("The Free plan watches at most 1 platform; this would be 2. The Watcher plan watches up to 10 platforms.");
            assertThatThrownBy(() -> organisations.watch("solo", Watch.platform("no-such-platform"))).hasMessageContaining("no platform no-such-platform");
        }
    }

    private static final DocumentId RESPONSIBLE_AI = DocumentId.parse("amazon-web-services/responsible-ai-policy");

    /**
     * The issue's scenario on real parts end to end: the AWS Responsible AI Policy, which says it
     * supplements the AWS Acceptable Use Policy, is captured from a loopback site with a changed
     * prohibition; the processor and the alert stage run as {@code serve} and {@code track} run them,
     * in the background; an organisation watching only the AUP gets an e-mail, a signed webhook and a
     * Slack message naming the change, its quote and the incorporation path within 5 s.
     */
    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_change_in_a_policy_that_supplements_a_watched_one_reaches_its_watchers_within_seconds(TestStores store) throws Exception {
        String clipped = java.nio.file.Files.readString(Path.of("demo/clipped/aws-responsible-ai-policy-2024-09-17.md"))
                .replaceFirst("(?s)\\A---.*?\\n---\\n", "").replaceFirst("(?s)> ## Excerpt.*?---\\n", "");
        AtomicReference<String> page = new AtomicReference<>(html(clipped));
        List<String> slack = Collections.synchronizedList(new ArrayList<>());
        receiver.createContext("/slack", exchange -> {
            slack.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        try (var site = new dev.clausewatch.capture.LoopbackSite();
             Workspace w = store.open(dir, dev.clausewatch.capture.CaptureConfig.defaults().withLoopbackAllowed()
                     .withPoliteness(Duration.ZERO, Duration.ofMillis(10)), dev.clausewatch.capture.LoopbackSite.resolver(Map.of()))) {
            site.page("/ai/responsible-ai/policy/", ex -> dev.clausewatch.capture.LoopbackSite.send(ex, 200, "text/html; charset=utf-8",
                    page.get().getBytes(StandardCharsets.UTF_8), h -> {}));
            w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services"), Path.of("demo/clipped/aws-responsible-ai-policy-2024-09-17.md")));
            w.registry().declare(new dev.clausewatch.registry.SourceDeclaration(RESPONSIBLE_AI, List.of(new dev.clausewatch.registry.SourceDocument(null,
                    site.url("/ai/responsible-ai/policy/"), List.of(new dev.clausewatch.registry.Selector.Css("main")), List.of(), List.of(),
                    dev.clausewatch.registry.FetchMode.HTTP)), java.util.Optional.empty()), "test");
            assertThat(w.tracker().capture(RESPONSIBLE_AI).outcome()).isEqualTo(dev.clausewatch.tracking.TrackingEvent.Outcome.RECORDED);
            w.processor().catchUp(p -> {});

            DeliveryConfig config = DeliveryConfig.fromEnvironment(Map.of("CLAUSEWATCH_BASE_URL", "https://clausewatch.test"))
                    .withSmtp("127.0.0.1", smtp.getSmtp().getPort()).withLoopbackAllowed();
            Notifications notifications = new Notifications(w.outbox(), w.alerts(), w.records(), w.registry(), w.analyzer(), config,
                    Clock.systemUTC(), "scenario");
            notifications.run(); // what came before anyone watched tells nobody
            Organisations organisations = notifications.organisations();
            organisations.create("acme", "Acme Compliance", Plan.WATCHER);
            organisations.watch("acme", Watch.document(AUP));
            Channel webhook = organisations.webhook("acme", "ops-hook", hook());
            organisations.email("acme", "counsel", "counsel@acme.test");
            organisations.slack("acme", "legal-channel", URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/slack"));

            String prohibition = "for intentional disinformation or deception";
            assertThat(page.get()).contains(prohibition);
            page.set(page.get().replace(prohibition, "for intentional disinformation, deception or interference in elections"));
            AtomicReference<Boolean> stop = new AtomicReference<>(false);
            Thread stage = Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    w.processor().drain();
                    notifications.run();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                long captured = System.nanoTime();
                assertThat(w.tracker().capture(RESPONSIBLE_AI).outcome()).isEqualTo(dev.clausewatch.tracking.TrackingEvent.Outcome.RECORDED);
                while ((posted.isEmpty() || smtp.getReceivedMessages().length == 0 || slack.isEmpty()) && System.nanoTime() - captured < 5_000_000_000L) {
                    Thread.sleep(20);
                }
                assertThat((System.nanoTime() - captured) / 1e9).as("seconds from the capture to the last delivery").isLessThan(5);
            } finally {
                stop.set(true);
                stage.join();
            }

            assertThat(posted).singleElement().satisfies(request -> {
                assertThat(WebhookSender.sign(webhook.secret().orElseThrow(), request.get("id"), request.get("timestamp"), request.get("body")))
                        .isEqualTo(request.get("signature").substring("v1,".length()));
                JsonNode body = JSON.readTree(request.get("body"));
                assertThat(body.at("/document").asText()).as("the document watched").isEqualTo(AUP.toString());
                assertThat(body.at("/message/document").asText()).as("the document changed").isEqualTo(RESPONSIBLE_AI.toString());
                assertThat(body.at("/message/through").asText())
                        .isEqualTo("The Amazon Web Services Responsible AI Policy changed; the Amazon Web Services Acceptable Use Policy you watch incorporates it by reference.");
                assertThat(body.at("/message/changes").findValuesAsText("after")).anySatisfy(q -> assertThat(q).contains("interference in elections"));
                assertThat(body.at("/message/changes").findValuesAsText("before")).anySatisfy(q -> assertThat(q).contains(prohibition));
                assertThat(body.at("/message/changes").findValuesAsText("exposure")).as("the exposure of each changed provision").allMatch(x -> x.matches("low|medium|high"));
                assertThat(body.at("/message/topics").size()).as("the topics the change touches").isPositive();
            });
            assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
                String text = plainText(mail);
                assertThat(mail.getSubject()).isEqualTo("Amazon Web Services Acceptable Use Policy: the Amazon Web Services Responsible AI Policy it incorporates changed");
                assertThat(text).contains("you watch incorporates it by reference", "interference in elections",
                        "https://clausewatch.test/documents/amazon-web-services/responsible-ai-policy/changes?from=");
            });
            assertThat(slack).singleElement().satisfies(message -> {
                JsonNode blocks = JSON.readTree(message).get("blocks");
                assertThat(blocks.get(0).at("/type").asText()).isEqualTo("header");
                assertThat(blocks.findValues("type")).extracting(JsonNode::asText).contains("section", "mrkdwn", "actions");
                assertThat(message).contains("interference in elections", "incorporates it by reference",
                        "<https://clausewatch.test/documents/amazon-web-services/responsible-ai-policy/provisions/");
            });
        }
    }

    /** The plain-text part of a received mail, decoded as a mail client shows it. */
    private static String plainText(MimeMessage mail) throws Exception {
        return ((jakarta.mail.Multipart) mail.getContent()).getBodyPart(0).getContent().toString();
    }

    private static String html(String markdown) {
        var options = new com.vladsch.flexmark.util.data.MutableDataSet();
        var parser = com.vladsch.flexmark.parser.Parser.builder(options).build();
        return "<!doctype html><html><head><title>AWS Responsible AI Policy</title></head><body><nav>Menu</nav><main>"
                + com.vladsch.flexmark.html.HtmlRenderer.builder(options).build().render(parser.parse(markdown)) + "</main></body></html>";
    }

    /**
     * Topic and regulation watches (Professional): a new provision on training models with user
     * content reaches the organisation watching that topic and the one watching a regulation mapped
     * to it, not one watching an unrelated regulation; the Watcher plan refuses both with the sentence.
     */
    @ParameterizedTest
    @EnumSource(TestStores.class)
    void topic_and_regulation_watches_hear_of_changes_on_their_subject_on_any_platform(TestStores store) {
        try (Workspace w = store.open(dir)) {
            w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services")));
            w.processor().catchUp(p -> {});
            Organisations organisations = new Organisations(w.alerts(), w.registry(), w.knowledge(), DESTINATIONS, clock);
            Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), w.analyzer(), clock);
            alerter.run();
            String topic = "ai-training-on-user-content";
            java.util.Set<String> mapped = w.knowledge().regulationsOf(List.of(topic));
            String article = mapped.stream().filter(r -> r.contains("#")).findFirst().orElseThrow();
            String unrelated = w.knowledge().regulations().keySet().stream().sorted()
                    .filter(id -> w.knowledge().topics().values().stream().noneMatch(t -> t.regulations().stream().anyMatch(l -> l.regulationId().equals(id))))
                    .findFirst().orElseGet(() -> w.knowledge().regulations().keySet().stream().filter(id -> !mapped.contains(id)).sorted().findFirst().orElseThrow());
            organisations.create("researchers", "Researchers", Plan.PROFESSIONAL);
            organisations.watch("researchers", Watch.topic(topic));
            organisations.create("counsel", "Counsel", Plan.PROFESSIONAL);
            organisations.watch("counsel", Watch.regulation(article.substring(0, article.indexOf('#')), java.util.Optional.of(article.substring(article.indexOf('#') + 1))));
            organisations.create("elsewhere", "Elsewhere", Plan.PROFESSIONAL);
            organisations.watch("elsewhere", Watch.regulation(unrelated, java.util.Optional.empty()));
            organisations.create("watcher", "Watcher", Plan.WATCHER);
            assertThatThrownBy(() -> organisations.watch("watcher", Watch.topic(topic)))
                    .hasMessage("Watching a topic across platforms is part of the Professional plan; the Watcher plan watches platforms and documents.");
            assertThatThrownBy(() -> organisations.watch("watcher", Watch.regulation("eu-ai-act", java.util.Optional.empty())))
                    .hasMessageContaining("Watching a regulation is part of the Professional plan");
            assertThatThrownBy(() -> organisations.watch("researchers", Watch.topic("no-such-topic"))).hasMessageContaining("there is no topic no-such-topic");
            assertThatThrownBy(() -> organisations.watch("counsel", Watch.regulation("eu-ai-act", java.util.Optional.of("Art. 999"))))
                    .hasMessageContaining("has no key provision \"Art. 999\"").hasMessageContaining("Art. 50");

            String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());
            now.set(now.get().plusSeconds(60));
            capture(w, latest + "\n\nWe may use your content to improve our services and to train and improve our models.\n");
            assertThat(alerter.run()).isEqualTo(2);
            assertThat(w.alerts().alerts("researchers")).singleElement().satisfies(a -> {
                assertThat(a.message().topics()).contains(w.knowledge().topic(topic).orElseThrow().title());
                assertThat(a.message().changes()).anySatisfy(i -> assertThat(i.topics()).contains(topic));
            });
            assertThat(w.alerts().alerts("counsel")).hasSize(1);
            assertThat(w.alerts().alerts("elsewhere")).as(unrelated + " bears on no topic of the change").isEmpty();
        }
    }

    /**
     * The Free plan's weekly digest, at the organisation's day and hour in its own time zone: nothing
     * before, one digest of everything since the last at the hour, grouped by platform and topic,
     * never twice for the same period.
     */
    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_free_organisation_gets_its_weekly_digest_at_its_own_hour_once(TestStores store) throws Exception {
        try (Workspace w = store.open(dir)) {
            w.importer().importPaths(List.of(Path.of("demo/ota-history/amazon-web-services")));
            w.processor().catchUp(p -> {});
            now.set(Instant.parse("2026-12-01T10:00:00Z")); // a Tuesday
            Organisations organisations = new Organisations(w.alerts(), w.registry(), w.knowledge(), DESTINATIONS, clock);
            Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), w.analyzer(), clock);
            Digests digests = new Digests(w.alerts(), clock);
            alerter.run();
            organisations.create("smallco", "Small Co", Plan.FREE);
            organisations.watch("smallco", Watch.platform("amazon-web-services"));
            organisations.email("smallco", "owner", "owner@smallco.test");
            organisations.digestAt("smallco", DigestSchedule.parse("thursday", 9, "America/New_York"));
            assertThat(digests.run()).as("the first run only marks the week before as told: nothing was kept for it").isZero();

            String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());
            now.set(Instant.parse("2026-12-02T10:00:00Z"));
            capture(w, latest + "\n\nYou may not use the Services to operate autonomous weapons.\n");
            assertThat(alerter.run()).isEqualTo(1);
            now.set(Instant.parse("2026-12-03T13:59:00Z")); // Thursday 08:59 in New York
            assertThat(digests.run()).isZero();
            assertThat(dispatcher(w).run()).isZero();

            now.set(Instant.parse("2026-12-03T14:00:30Z")); // Thursday 09:00:30 in New York
            assertThat(digests.run()).isEqualTo(1);
            assertThat(digests.run()).as("once per period").isZero();
            assertThat(dispatcher(w).run()).isEqualTo(1);
            assertThat(smtp.getReceivedMessages()).singleElement().satisfies(mail -> {
                assertThat(mail.getSubject()).startsWith("Weekly digest: 1 substantive change on 1 platform");
                assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("amazon-web-services", "Amazon Web Services Acceptable Use Policy: 1 substantive change");
            });
            assertThat(w.alerts().deliveries("smallco")).singleElement().satisfies(d -> {
                assertThat(d.digest()).isTrue();
                assertThat(d.state()).isEqualTo(Delivery.State.DELIVERED);
            });
            assertThat(w.alerts().organisation("smallco").orElseThrow().digestedUntil()).contains(Instant.parse("2026-12-03T14:00:00Z"));
        }
    }
}
