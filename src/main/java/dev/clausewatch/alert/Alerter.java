package dev.clausewatch.alert;

import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.event.Event;
import dev.clausewatch.event.EventType;
import dev.clausewatch.event.Outbox;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns the outbox's {@code ChangeDetected} and {@code ReferencedDocumentChanged} events into
 * alerts for the organisations whose watches they touch, in event order, each event once per
 * organisation (the alert id names both), when announced after the watch began. Only substantive
 * changes alert: cosmetic changes and technical upgrades never do, nor history imported long after
 * it happened. Same-day plans get one pending delivery per channel; the Free plan's
 * alerts wait for the weekly digest.
 */
public final class Alerter {
    static final String CONSUMER = "alerts";
    private static final List<EventType> TYPES = List.of(EventType.ChangeDetected, EventType.ReferencedDocumentChanged);
    private static final int BATCH = 200;
    /** How long after a change was seen its announcement is still news (a capture retried for days, a late processor). */
    private static final Duration NEWS = Duration.ofDays(7);

    private final Outbox outbox;
    private final AlertStore store;
    private final DerivedRecords records;
    private final Registry registry;
    private final Clock clock;

    public Alerter(Outbox outbox, AlertStore store, DerivedRecords records, Registry registry, Clock clock) {
        this.outbox = outbox;
        this.store = store;
        this.records = records;
        this.registry = registry;
        this.clock = clock;
    }

    /** Handles every event after the cursor; returns how many alerts it made. */
    public int run() {
        int made = 0;
        while (true) {
            List<Event> events = outbox.after(store.cursor(CONSUMER), TYPES, BATCH);
            if (events.isEmpty()) return made;
            for (Event event : events) {
                made += handle(event);
                store.advance(CONSUMER, event.seq());
            }
        }
    }

    private int handle(Event event) {
        Optional<Change> change = change(event);
        if (change.isEmpty()) return 0;
        int made = 0;
        for (Organisation organisation : store.organisations()) {
            boolean watched = store.watching(organisation.id()).stream().anyMatch(w -> !event.occurredAt().isBefore(w.since())
                    && w.watch().covers(change.get().watched(), change.get().watchedProvisions()));
            if (!watched) continue;
            Alert alert = new Alert(event.id() + "@" + organisation.id(), organisation.id(), event.id(), change.get().watched().toString(),
                    organisation.plan().sameDay() ? Alert.Cadence.SAME_DAY : Alert.Cadence.DIGEST, change.get().message(), clock.instant());
            List<String> channels = alert.cadence() == Alert.Cadence.SAME_DAY
                    ? store.channels(organisation.id()).stream().map(Channel::id).toList() : List.of();
            store.record(alert, channels, clock.instant());
            made++;
        }
        return made;
    }

    /** What a watch is matched against, and what the alert says. */
    private record Change(DocumentId watched, List<String> watchedProvisions, Alert.Message message) {}

    private Optional<Change> change(Event event) {
        // A change seen long before it was announced is history being imported, not news.
        String observed = event.text("observedAt");
        if (observed != null && Instant.parse(observed).isBefore(event.occurredAt().minus(NEWS))) return Optional.empty();
        if (event.type() == EventType.ChangeDetected) {
            if (!event.flag("substantive") || event.flag("technical")) return Optional.empty();
            return message(event.document(), Integer.parseInt(event.text("toNumber")), Optional.empty())
                    .map(m -> new Change(event.document(), ids(event.text("provisionIds")), m));
        }
        DocumentId changed = DocumentId.parse(event.text("changedDocument"));
        return message(changed, Integer.parseInt(event.text("toNumber")), Optional.of(event.document()))
                .map(m -> new Change(event.document(), ids(event.text("incorporatingProvisionIds")), m));
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    /** The change summary of {@code document}'s change to version {@code toNumber}, read from the derived records. */
    private Optional<Alert.Message> message(DocumentId document, int toNumber, Optional<DocumentId> incorporatedInto) {
        Optional<DocumentChanges.Event> found = records.events(document).stream().filter(e -> e.after().entry().number() == toNumber).findFirst();
        if (found.isEmpty()) return Optional.empty();
        DocumentChanges.Event e = found.get();
        String title = title(document);
        List<Alert.Item> items = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ProvisionChange c : e.changes().substantiveChanges()) {
            Optional<Provision> any = c.after().or(c::before);
            items.add(new Alert.Item(c.provisionId(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.reason().description(),
                    any.map(Provision::trail).orElse(List.of()), c.before().map(Provision::text), c.after().map(Provision::text)));
            if (!reasons.contains(c.reason().description())) reasons.add(c.reason().description());
        }
        int from = e.before().entry().number();
        String link = "/documents/" + document + "/changes?from=" + from + "&to=" + toNumber;
        Optional<String> through = incorporatedInto.map(into -> "The " + title + " changed; the " + title(into) + " you watch incorporates it by reference.");
        String subject = incorporatedInto.map(into -> title(into) + ": the " + title + " it incorporates changed")
                .orElse(title + ": " + items.size() + " substantive change" + (items.size() == 1 ? "" : "s"));
        return Optional.of(new Alert.Message(subject, document.toString(), title, through, from, toNumber, e.observedAt(),
                String.join("; ", reasons), link, items));
    }

    private String title(DocumentId id) {
        return registry.document(id).map(Document::title).orElse(id.toString());
    }
}
