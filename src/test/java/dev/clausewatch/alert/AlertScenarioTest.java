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
        return new Dispatcher(w.alerts(), Map.of(Channel.Kind.WEBHOOK, new WebhookSender(HttpClient.newHttpClient(), clock),
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
            Organisations organisations = new Organisations(w.alerts(), w.registry(), clock);
            Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), clock);
            assertThat(alerter.run()).as("history imported before anyone watched tells nobody").isZero();

            organisations.create("acme", "Acme Compliance", Plan.WATCHER);
            organisations.watch("acme", Watch.document(AUP));
            Channel webhook = organisations.webhook("acme", "ops-hook", hook());
            organisations.email("acme", "counsel", "counsel@acme.test");
            organisations.create("smallco", "Small Co", Plan.FREE);
            organisations.watch("smallco", Watch.platform("amazon-web-services"));
            organisations.email("smallco", "owner", "owner@smallco.test");

            String latest = w.archive().text(w.archive().timeline(AUP).getLast().version());
            String changed = latest.replaceFirst("(?m)^(\\s*[-*]\\s+)([^\\n]+)$", "$1Use the Services to generate political campaign material at scale.");
            assertThat(changed).isNotEqualTo(latest);
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
            Organisations organisations = new Organisations(w.alerts(), w.registry(), clock);
            organisations.create("acme", "Acme", Plan.PROFESSIONAL);
            organisations.watch("acme", Watch.document(AUP));
            organisations.webhook("acme", "hook", hook());
            Alerter alerter = new Alerter(w.outbox(), w.alerts(), w.records(), w.registry(), clock);
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
            Organisations organisations = new Organisations(w.alerts(), w.registry(), clock);
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
}
