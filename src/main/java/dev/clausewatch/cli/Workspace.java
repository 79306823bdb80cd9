package dev.clausewatch.cli;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.ArchiveVerifier;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.derivation.Processor;
import dev.clausewatch.event.Outbox;
import dev.clausewatch.ingest.Importer;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.tracking.Tracker;
import dev.clausewatch.tracking.TrackingLog;
import dev.clausewatch.tracking.TrackingLoop;
import java.nio.file.Path;

/**
 * Everything a command needs, built by the composition root on one store; closing it closes the
 * store. Commands read derived records through {@code records} only; {@code processor} is the
 * stage that writes them, and {@code notifications} the one that turns their events into alerts.
 */
public record Workspace(String storeDescription, Path dataDir, Registry registry, Archive archive, Importer importer,
                        ArchiveVerifier verifier, dev.clausewatch.archive.Ledger ledger, Tracker tracker, TrackingLoop trackingLoop, TrackingLog trackingLog,
                        Processor processor, DerivedRecords records, Outbox outbox, Analyzer analyzer, Knowledge knowledge,
                        dev.clausewatch.alert.AlertStore alerts, dev.clausewatch.alert.Notifications notifications,
                        dev.clausewatch.account.Accounts accounts, dev.clausewatch.account.Memberships memberships,
                        dev.clausewatch.account.OrganisationRecords organisationRecords, dev.clausewatch.monitoring.Figures figures,
                        Runnable onClose) implements AutoCloseable {

    /** The same workspace, also running {@code more} when closed (after its own closing). */
    public Workspace alsoOnClose(Runnable more) {
        return new Workspace(storeDescription, dataDir, registry, archive, importer, verifier, ledger, tracker, trackingLoop, trackingLog,
                processor, records, outbox, analyzer, knowledge, alerts, notifications, accounts, memberships, organisationRecords, figures, () -> {
                    onClose.run();
                    more.run();
                });
    }

    @Override
    public void close() {
        onClose.run();
    }
}
