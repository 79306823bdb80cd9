package dev.clausewatch.tracking;

import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schedule: puts every declared document on it (first runs spread over one cadence, so a
 * fresh start does not fetch everything at once), claims what is due, captures it on a few worker
 * threads, and sets each document's next run one cadence later with jitter. A capture that throws
 * unexpectedly is logged and rescheduled; it never stops the loop.
 */
public final class TrackingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrackingLoop.class);
    public static final Duration DEFAULT_CADENCE = Duration.ofHours(12);
    /** Next runs move by up to this share of the cadence, so documents of one host drift apart. */
    static final double JITTER = 0.1;
    private static final Duration LEASE = Duration.ofMinutes(15);

    private final Registry registry;
    private final Schedule schedule;
    private final Tracker tracker;
    private final Clock clock;
    private final int workers;
    private final String workerId = "worker-" + UUID.randomUUID().toString().substring(0, 8);

    public TrackingLoop(Registry registry, Schedule schedule, Tracker tracker, Clock clock, int workers) {
        this.registry = registry;
        this.schedule = schedule;
        this.tracker = tracker;
        this.clock = clock;
        this.workers = workers;
    }

    /** Schedules every document that has a declaration, first runs spread over one cadence; returns how many are scheduled. */
    public int scheduleDeclaredDocuments(Duration cadence) {
        return scheduleDeclaredDocuments(cadence, cadence);
    }

    /** Same, with first runs spread over {@code spread} from now (zero: all due now). */
    public int scheduleDeclaredDocuments(Duration cadence, Duration spread) {
        int count = 0;
        Instant now = clock.instant();
        for (Document document : registry.documents()) {
            if (registry.declarations(document.id()).isEmpty()) continue;
            long offset = (long) (spread.toMillis() * ThreadLocalRandom.current().nextDouble());
            schedule.ensure(document.id(), cadence, now.plusMillis(offset));
            count++;
        }
        return count;
    }

    /** Captures everything due now and returns the events; documents claimed by other workers are left to them. */
    public List<TrackingEvent> runDue() {
        return runDue(workers);
    }

    /** Same, on {@code threads} capture threads. */
    public List<TrackingEvent> runDue(int threads) {
        List<DocumentId> due = new ArrayList<>();
        List<DocumentId> batch;
        while (!(batch = schedule.claimDue(workerId, clock.instant(), LEASE, 100)).isEmpty()) due.addAll(batch);
        if (due.isEmpty()) return List.of();
        List<TrackingEvent> events = new ArrayList<>();
        boolean stopping = false;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<TrackingEvent>> running = new ArrayList<>();
            for (DocumentId document : due) running.add(pool.submit(() -> captureAndReschedule(document)));
            for (Future<TrackingEvent> f : running) {
                if (stopping) {
                    f.cancel(false); // not started: left to the next round (its claim runs out); started ones finish
                    continue;
                }
                try {
                    TrackingEvent event = f.get();
                    if (event != null) events.add(event);
                } catch (InterruptedException e) {
                    // A stop: the captures under way finish and are recorded (interrupting them would close
                    // their channels mid-write); the pool's close waits for them, so the flag comes back after.
                    stopping = true;
                    f.cancel(false);
                } catch (Exception e) {
                    LOG.error("a capture failed unexpectedly", e);
                }
            }
        }
        if (stopping) Thread.currentThread().interrupt();
        return events;
    }

    /** Runs until interrupted: captures what is due, then sleeps until the next document is due (at most a minute). */
    public void runForever() throws InterruptedException {
        runForever(() -> {});
    }

    /**
     * Same, running {@code afterRound} after each round that captured something (e.g. sealing the
     * archive's log, so a head covers each batch without waiting for the process to stop); its
     * failure is logged and the loop goes on.
     */
    public void runForever(Runnable afterRound) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            List<TrackingEvent> round = runDue();
            for (TrackingEvent e : round) LOG.info("{} {}: {}", e.document(), e.outcome(), e.message());
            if (!round.isEmpty()) {
                try {
                    afterRound.run();
                } catch (RuntimeException e) {
                    LOG.warn("after a round of captures: {}", e.toString());
                }
            }
            Instant next = schedule.nextDue().orElse(clock.instant().plus(Duration.ofMinutes(1)));
            long sleep = Math.clamp(Duration.between(clock.instant(), next).toMillis(), 1000, 60_000);
            Thread.sleep(sleep);
        }
    }

    private TrackingEvent captureAndReschedule(DocumentId document) {
        Duration cadence = schedule.cadence(document);
        try {
            return tracker.capture(document);
        } catch (RuntimeException unexpected) {
            LOG.error("capture of {} failed unexpectedly; it stays scheduled", document, unexpected);
            return null;
        } finally {
            long jitter = (long) (cadence.toMillis() * JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1));
            schedule.done(document, clock.instant().plus(cadence).plusMillis(jitter));
        }
    }
}
