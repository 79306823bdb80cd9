package dev.clausewatch.monitoring;

import dev.clausewatch.derivation.Backlog;
import dev.clausewatch.derivation.DerivedRecords;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The metrics of one serving process, in Prometheus' text format. Store-wide figures are read when
 * scraped, at most once every few seconds however often and however many series ask.
 */
public final class Monitoring {
    private static final Duration FRESH = Duration.ofSeconds(5);
    /** Alert latency is summarised over the deliveries of the last hour. */
    private static final Duration LATENCY_WINDOW = Duration.ofHours(1);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Figures figures;
    private final Recent<List<Figures.Captures>> captures;
    private final Recent<Map<String, Long>> deliveries;
    private final Recent<List<Duration>> latencies;
    private final Recent<Backlog> backlog;
    private final Set<String> captureSeries = new HashSet<>();

    public Monitoring(Figures figures, DerivedRecords records, Clock clock) {
        this.figures = figures;
        this.captures = new Recent<>(figures::captures, List.of(), clock);
        this.deliveries = new Recent<>(figures::deliveries, Map.of(), clock);
        this.latencies = new Recent<>(() -> figures.deliveryLatencies(clock.instant().minus(LATENCY_WINDOW)), List.of(), clock);
        this.backlog = new Recent<>(records::backlog, new Backlog(0, 0, java.util.Optional.empty()), clock);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("clausewatch.processing.backlog.documents", backlog, b -> b.get().documents())
                .description("Documents with recorded events the processor has not handled yet").register(registry);
        Gauge.builder("clausewatch.processing.backlog.events", backlog, b -> b.get().events())
                .description("Events the processor has not handled yet").register(registry);
        Gauge.builder("clausewatch.processing.lag", backlog, b -> b.get().lag().map(Duration::toMillis).orElse(0L) / 1000.0)
                .baseUnit("seconds").description("How long the oldest unhandled event has waited").register(registry);
        // Delivered and dead only grow: counters. Pending rises and falls: a gauge, or rate() would read each fall as a reset.
        for (String state : List.of("DELIVERED", "DEAD")) {
            FunctionCounter.builder("clausewatch.alert.deliveries", deliveries, d -> d.get().getOrDefault(state, 0L))
                    .tag("state", state).description("Alert deliveries (one alert to one channel) that ended, by how").register(registry);
        }
        Gauge.builder("clausewatch.alert.deliveries.pending", deliveries, d -> d.get().getOrDefault("PENDING", 0L))
                .description("Alert deliveries waiting for their first or next attempt").register(registry);
        Gauge.builder("clausewatch.alert.latency.max", latencies, l -> seconds(l.get(), 1.0)).baseUnit("seconds")
                .description("Longest time from an alert to its delivery, over the last hour").register(registry);
        Gauge.builder("clausewatch.alert.latency.p95", latencies, l -> seconds(l.get(), 0.95)).baseUnit("seconds")
                .description("95th percentile of the time from an alert to its delivery, over the last hour").register(registry);
    }

    /** Records one request's time under its route (the path pattern, never the address: ids would explode the series). */
    public void request(String method, String route, int status, float millis) {
        Timer.builder("clausewatch.http.requests").tag("method", method).tag("route", route).tag("status", String.valueOf(status))
                .publishPercentiles(0.5, 0.99).description("Requests served, by route").register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** Every metric in Prometheus' text exposition format. */
    public String scrape() {
        registerNewCaptureSeries();
        return registry.scrape();
    }

    /** Whether the store answers: what readiness asks first. */
    public boolean storeAnswers() {
        return figures.answers();
    }

    /** The processing backlog as last read (at most a few seconds old), for readiness to say without a query per probe. */
    public Backlog backlog() {
        return backlog.get();
    }

    /** A capture series appears the first time its outcome and cause do, so new failure causes need no code change. */
    private synchronized void registerNewCaptureSeries() {
        for (Figures.Captures c : captures.get()) {
            if (!captureSeries.add(c.outcome() + "/" + c.cause())) continue;
            FunctionCounter.builder("clausewatch.captures", captures, recent -> recent.get().stream()
                            .filter(x -> x.outcome().equals(c.outcome()) && x.cause().equals(c.cause())).mapToLong(Figures.Captures::count).sum())
                    .tag("outcome", c.outcome()).tag("cause", c.cause())
                    .description("Capture attempts by outcome, and failures by cause").register(registry);
        }
    }

    private static double seconds(List<Duration> latencies, double quantile) {
        if (latencies.isEmpty()) return 0;
        List<Duration> sorted = latencies.stream().sorted().toList();
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))).toMillis() / 1000.0;
    }

    /** A value read at most once every {@link #FRESH}: a scrape asks for it once per series. */
    private static final class Recent<T> {
        private final Supplier<T> read;
        private final Clock clock;
        private T value;
        private java.time.Instant readAt = java.time.Instant.MIN;

        /** {@code none} stands in until a first read succeeds. */
        Recent(Supplier<T> read, T none, Clock clock) {
            this.read = read;
            this.value = none;
            this.clock = clock;
        }

        /** The value, read again when stale; when the store fails, the last one (a scrape still shows the process's own metrics). */
        synchronized T get() {
            java.time.Instant now = clock.instant();
            if (readAt.plus(FRESH).isBefore(now)) {
                try {
                    value = read.get();
                } catch (RuntimeException e) {
                    // kept: the last value (or none); readiness, not metrics, says the store is down
                }
                readAt = now;
            }
            return value;
        }
    }
}
