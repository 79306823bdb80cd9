package dev.clausewatch.alert;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.capture.AddressPolicy;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.event.Outbox;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.registry.Registry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The alert stage as long-running commands run it: after each round of processing, alerts are
 * made from the new events, due weekly digests are composed, and due deliveries are attempted.
 * Several processes may run it at once: the alert cursor is advanced per event and alerts and
 * deliveries are stored once by id, and deliveries are claimed with leases.
 */
public final class Notifications {
    private static final String NO_MAIL_SERVER = "no mail server is configured: set CLAUSEWATCH_SMTP=host:port";

    private final Alerter alerter;
    private final Digests digests;
    private final Dispatcher dispatcher;
    private final Organisations organisations;
    private final java.util.Optional<EmailSender> mail;
    private final Clock clock;
    private volatile java.time.Instant digestsCheckedAt;

    public Notifications(Outbox outbox, AlertStore store, DerivedRecords records, Registry registry, Analyzer analyzer, DeliveryConfig config,
                         Clock clock, String worker) {
        Knowledge knowledge = analyzer.knowledge();
        Destinations destinations = new Destinations(new AddressPolicy(config.allowLoopback()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        Map<Channel.Kind, Sender> senders = new EnumMap<>(Channel.Kind.class);
        senders.put(Channel.Kind.WEBHOOK, new WebhookSender(http, destinations, clock));
        senders.put(Channel.Kind.SLACK, new SlackSender(http, destinations, config.baseUrl()));
        this.mail = config.smtpHost().map(host -> new EmailSender(host, config.smtpPort(), config.from(), config.baseUrl()));
        senders.put(Channel.Kind.EMAIL, mail.<Sender>map(m -> m).orElse((channel, alert, key) -> {
            throw new Sender.Failure(NO_MAIL_SERVER, true);
        }));
        this.alerter = new Alerter(outbox, store, records, registry, analyzer, clock);
        this.digests = new Digests(store, clock);
        this.dispatcher = new Dispatcher(store, senders, clock, worker, Duration.ofMinutes(2), config.retry());
        this.organisations = new Organisations(store, registry, knowledge, destinations, clock);
        this.clock = clock;
    }

    /** One round: new alerts, due digests (looked for once a minute: they fall due on the hour), due deliveries. */
    public void run() {
        // Each part on its own: alerts that cannot be made this round never hold up deliveries already due.
        stage("making alerts", alerter::run);
        java.time.Instant now = clock.instant();
        if (digestsCheckedAt == null || !now.isBefore(digestsCheckedAt.plusSeconds(60))) {
            stage("composing digests", digests::run);
            digestsCheckedAt = now;
        }
        stage("delivering", dispatcher::run);
    }

    private static void stage(String what, java.util.function.IntSupplier part) {
        try {
            part.getAsInt();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Notifications.class).warn("{} failed this round; trying again next round: {}", what, e.toString(), e);
        }
    }

    /** Sends a plain-text mail now (account mail: reset links, invitations), failing with a sentence when it cannot. */
    public void mail(String to, String subject, String text) {
        try {
            mail.orElseThrow(() -> new IllegalStateException(NO_MAIL_SERVER)).sendText(to, subject, text);
        } catch (Sender.Failure e) {
            throw new IllegalStateException("cannot mail " + to + ": " + e.getMessage(), e);
        }
    }

    public Digests digests() {
        return digests;
    }

    /** Administration of organisations, with this configuration's check of webhook addresses. */
    public Organisations organisations() {
        return organisations;
    }
}
