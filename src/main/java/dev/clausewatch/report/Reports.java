package dev.clausewatch.report;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.ProvisionAnalysis;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.change.ProvisionChange;
import dev.clausewatch.derivation.DerivedChange;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.registry.Document;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers what a report states from the archive and the derived records: the versions in force at
 * some time in the period (the one in force at its start included), the changes into them, and the
 * analysis of the provision asked for, or of the provisions on a topic in the last version of the period.
 */
public final class Reports {
    private final Archive archive;
    private final DerivedRecords records;
    private final Analyzer analyzer;

    public Reports(Archive archive, DerivedRecords records, Analyzer analyzer) {
        this.archive = archive;
        this.records = records;
        this.analyzer = analyzer;
    }

    public Report of(Document document, Optional<String> provisionId, Optional<Instant> from, Optional<Instant> to, Optional<TreeHead> head, Instant now) {
        List<VersionProvisions> history = records.history(document.id());
        if (history.isEmpty()) throw new IllegalArgumentException(document.id() + " has no archived version to report on");
        List<VersionProvisions> inPeriod = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            TimelineEntry e = history.get(i).entry();
            Optional<Instant> until = i + 1 < history.size() ? Optional.of(history.get(i + 1).entry().firstObservedAt()) : Optional.empty();
            boolean startsBeforeEnd = to.map(t -> !e.firstObservedAt().isAfter(t)).orElse(true);
            boolean endsAfterStart = from.map(f -> until.map(u -> u.isAfter(f)).orElse(true)).orElse(true);
            if (startsBeforeEnd && endsAfterStart) inPeriod.add(history.get(i));
        }
        if (inPeriod.isEmpty()) throw new IllegalArgumentException("no version of " + document.id() + " was in force in the period asked");
        VersionProvisions last = inPeriod.getLast();
        provisionId.ifPresent(id -> {
            boolean known = inPeriod.stream().anyMatch(v -> v.provisions().stream().anyMatch(p -> p.id().equals(id)));
            if (!known) throw new IllegalArgumentException("no provision " + id + " in the versions of " + document.id() + " in the period");
        });
        List<Report.VersionEvidence> versions = inPeriod.stream().map(v -> evidence(v.entry())).toList();
        List<Report.ChangeEntry> changes = changes(document, inPeriod, provisionId);
        return new Report(document.id().toString(), document.title(), document.platformName(), provisionId, from, to, now, versions, changes,
                analyses(document, last, provisionId), "topics " + analyzer.knowledge().topicsAsOf() + ", regulations "
                        + analyzer.knowledge().regulationsAsOf(), head);
    }

    private Report.VersionEvidence evidence(TimelineEntry e) {
        List<String> sources = new ArrayList<>();
        for (String id : e.version().snapshotIds()) {
            archive.snapshot(id).ifPresent(s -> sources.add("captured " + s.metadata().url() + (s.metadata().finalUrl().equals(s.metadata().url()) ? ""
                    : " → " + s.metadata().finalUrl()) + ", HTTP " + s.metadata().status() + ", " + s.metadata().fetchedAt() + ", snapshot SHA-256 "
                    + s.contentSha256()));
        }
        for (Provenance p : e.provenances()) sources.add("imported from " + p.archive() + ": " + p.reference());
        return new Report.VersionEvidence(e.number(), e.firstObservedAt(), e.lastObservedAt(), e.version().kind().label(), e.version().contentSha256(),
                e.version().bytes(), e.version().recordSeq(), e.version().previousContentSha256(), e.version().chainHash(), sources);
    }

    private List<Report.ChangeEntry> changes(Document document, List<VersionProvisions> inPeriod, Optional<String> provisionId) {
        int first = inPeriod.getFirst().entry().number(), last = inPeriod.getLast().entry().number();
        List<Report.ChangeEntry> entries = new ArrayList<>();
        for (DerivedChange change : records.changeSets(document.id())) {
            if (change.number() <= first || change.number() > last) continue; // changes into the versions of the period, after its first
            List<ProvisionChange> concerned = change.changes().changes().stream().filter(c -> provisionId.map(c.provisionId()::equals).orElse(true)).toList();
            if (concerned.isEmpty()) continue;
            List<Report.ProvisionChangeEntry> substantive = concerned.stream().filter(ProvisionChange::substantive).map(c -> new Report.ProvisionChangeEntry(
                    c.provisionId(), c.location(), c.kind().name().toLowerCase(java.util.Locale.ROOT), c.explanation(),
                    c.before().map(Provision::text).orElse(""), c.after().map(Provision::text).orElse(""))).toList();
            entries.add(new Report.ChangeEntry(change.number() - 1, change.number(), change.observedAt(), change.changes().technical(),
                    change.changes().variantOf(), substantive, concerned.size() - substantive.size()));
        }
        return entries;
    }

    /** The provision asked for; else every provision of the last version that is on a topic, highest exposure first. */
    private List<ProvisionAnalysis> analyses(Document document, VersionProvisions last, Optional<String> provisionId) {
        var references = records.references(last);
        List<ProvisionAnalysis> analyses = new ArrayList<>();
        for (Provision p : last.provisions()) {
            if (provisionId.isPresent() && !p.id().equals(provisionId.get())) continue;
            ProvisionAnalysis a = analyzer.analyze(p, references, id -> records.current(id).map(VersionProvisions::provisions).orElse(List.of()),
                    Analyzer.Context.of(p, last.provisions(), document.platformName()));
            if (provisionId.isPresent() || !a.topics().isEmpty()) analyses.add(a);
        }
        analyses.sort(java.util.Comparator.comparing((ProvisionAnalysis a) -> a.exposure().level()).reversed());
        return analyses;
    }
}
