/**
 * Monitoring: what an operator scrapes and probes. {@link dev.clausewatch.monitoring.Monitoring}
 * keeps the Prometheus registry (Micrometer): captures and their failures by cause, processing
 * backlog and lag, alert deliveries by state and their latency, read at scrape time from the store
 * that every process writes to (so one serving node shows the work of all of them), and request
 * latency by route, measured where the requests are served. {@link dev.clausewatch.monitoring.Figures}
 * is the port the store answers those questions through.
 *
 * <p>Imports {@code derivation} and {@code tracking}.
 */
package dev.clausewatch.monitoring;
