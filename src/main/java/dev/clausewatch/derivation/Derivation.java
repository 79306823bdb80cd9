package dev.clausewatch.derivation;

import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.VersionKind;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.ChangeSet;
import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Lineage;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.provision.References;
import dev.clausewatch.registry.DocumentId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Derives the records of a run of consecutive timeline entries, given what was derived for the
 * entry before the run: no I/O, the same inputs always give the same records (ids included).
 */
public final class Derivation {
    /** The records of a run: one version per entry, one change per entry that has a version before it. */
    public record Result(List<DerivedVersion> versions, List<DerivedChange> changes) {}

    /** How many versions back a version may bring back in another variant. */
    public static final int VARIANT_WINDOW = 10;

    private final Lineage lineage;
    private final ChangeDetector detector;

    public Derivation(Lineage lineage, ChangeDetector detector) {
        this.lineage = lineage;
        this.detector = detector;
    }

    /**
     * Derives {@code run} (entries of the document's timeline, in order, with their keys), after
     * {@code before} (the derived entry just before the run; null when the run starts the timeline).
     */
    public Result derive(DocumentId document, List<TimelineEntry> run, List<String> keys, DerivedVersion before,
                         Function<TimelineEntry, String> text, References.Resolver resolver) {
        return derive(document, run, keys, before, List.of(), text, resolver);
    }

    /**
     * The same, with {@code earlier}: the derived versions before {@code before} (oldest first, at
     * most {@link #VARIANT_WINDOW}), so that a version that only brings back an earlier one's text in
     * another variant is told apart from a change.
     */
    public Result derive(DocumentId document, List<TimelineEntry> run, List<String> keys, DerivedVersion before, List<DerivedVersion> earlier,
                         Function<TimelineEntry, String> text, References.Resolver resolver) {
        List<DerivedVersion> versions = new ArrayList<>();
        List<DerivedChange> changes = new ArrayList<>();
        DerivedVersion previous = before;
        java.util.ArrayDeque<DerivedVersion> window = new java.util.ArrayDeque<>(earlier);
        java.util.Map<String, List<Reference>> knownReferences = new java.util.HashMap<>();
        for (int i = 0; i < run.size(); i++) {
            TimelineEntry entry = run.get(i);
            Lineage.VersionText versionText = new Lineage.VersionText(entry.version().contentSha256(), text.apply(entry));
            Lineage.Aligned aligned = previous == null ? null : lineage.aligned(document.toString(), versionText, previous.provisions());
            List<Provision> provisions = aligned == null ? lineage.first(document.toString(), versionText) : aligned.provisions();
            List<Reference> references = References.in(provisions, resolver, document, knownReferences);
            DerivedVersion version = new DerivedVersion(document, keys.get(i), entry.number(), entry.version().contentSha256(),
                    previous == null ? null : previous.key(), provisions, references, EffectiveDate.in(provisions));
            if (previous != null) {
                ChangeSet set = detector.compare(aligned.alignment(), previous.provisions(), provisions,
                        entry.version().kind() == VersionKind.TECHNICAL_UPGRADE);
                if (set.substantive()) set = Variants.of(detector, window, provisions).map(set::asVariantOf).orElse(set);
                changes.add(new DerivedChange(document, version.key(), previous.key(), entry.number(), set, entry.firstObservedAt()));
            }
            versions.add(version);
            if (previous != null) {
                window.addLast(previous);
                if (window.size() > VARIANT_WINDOW) window.removeFirst();
            }
            previous = version;
        }
        return new Result(versions, changes);
    }

    /** The texts of every provision of the versions (headings too: pages show their topics), repeats included. */
    public static List<String> texts(List<DerivedVersion> versions) {
        List<String> texts = new ArrayList<>();
        for (DerivedVersion v : versions) {
            for (Provision p : v.provisions()) texts.add(p.text());
        }
        return texts;
    }
}
