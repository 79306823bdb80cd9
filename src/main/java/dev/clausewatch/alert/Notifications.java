package dev.clausewatch.alert;

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
    private final Alerter alerter;
    private final Digests digests;
    private final Dispatcher dispatcher;
    private final Organisations organisations;

    public Notifications(Outbox outbox, AlertStore store, DerivedRecords records, Registry registry, Knowledge knowledge, DeliveryConfig config,
                         Clock clock, String worker) {
        Destinations destinations = new Destinations(new AddressPolicy(config.allowLoopback()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        Map<Channel.Kind, Sender> senders = new EnumMap<>(Channel.Kind.class);
        senders.put(Channel.Kind.WEBHOOK, new WebhookSender(http, destinations, clock));
        senders.put(Channel.Kind.SLACK, new SlackSender(http, destinations, config.baseUrl()));
        senders.put(Channel.Kind.EMAIL, config.smtpHost().<Sender>map(host -> new EmailSender(host, config.smtpPort(), config.from(), config.baseUrl()))
                .orElse((channel, alert, key) -> {
                    throw new Sender.Failure("no mail server is configured: set CLAUSEWATCH_SMTP=host:port", true);
                }));
        this.alerter = new Alerter(outbox, store, records, registry, knowledge, clock);
        this.digests = new Digests(store, clock);
        this.dispatcher = new Dispatcher(store, senders, clock, worker, Duration.ofMinutes(2));
        this.organisations = new Organisations(store, registry, knowledge, destinations, clock);
    }

    /** One round: new alerts, due digests, due deliveries. */
    public void run() {
        alerter.run();
        digests.run();
        dispatcher.run();
    }

    /** Administration of organisations, with this configuration's check of webhook addresses. */
    public Organisations organisations() {
        return organisations;
    }
}
