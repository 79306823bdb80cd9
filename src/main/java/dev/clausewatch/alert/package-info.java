/**
 * Alerts: organisations on plans watch platforms, documents and provisions; the {@link
 * dev.clausewatch.alert.Alerter} turns the outbox's change events into alerts for them, and the
 * {@link dev.clausewatch.alert.Dispatcher} delivers each alert to each channel (e-mail, signed
 * webhooks) at least once, idempotently, with retries. Plans are enforced in one place, {@link
 * dev.clausewatch.alert.Organisations}.
 */
package dev.clausewatch.alert;
