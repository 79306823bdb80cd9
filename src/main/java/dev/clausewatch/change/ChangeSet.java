package dev.clausewatch.change;

import dev.clausewatch.provision.EffectiveDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that changed between two versions. Cosmetic as a whole when no change in it is
 * substantive. {@code technical} marks a change into a technical-upgrade version (re-extraction),
 * which is compared like any other but on which nothing downstream alerts.
 */
public record ChangeSet(List<ProvisionChange> changes, Optional<EffectiveDate> effectiveBefore, Optional<EffectiveDate> effectiveAfter,
                        boolean technical) {
    public ChangeSet {
        changes = List.copyOf(changes);
    }

    public boolean substantive() {
        return changes.stream().anyMatch(ProvisionChange::substantive);
    }

    public List<ProvisionChange> substantiveChanges() {
        return changes.stream().filter(ProvisionChange::substantive).toList();
    }

    public Map<ChangeKind, Integer> counts() {
        Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
        for (ChangeKind kind : ChangeKind.values()) counts.put(kind, 0);
        changes.forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        return counts;
    }

    /** The stated date moved, when both versions state one and they differ (or one starts stating it). */
    public boolean effectiveDateChanged() {
        return !effectiveBefore.map(EffectiveDate::date).equals(effectiveAfter.map(EffectiveDate::date));
    }

    /** Whether the archive should alert on this change: substantive, and not a technical upgrade. */
    public boolean alertable() {
        return substantive() && !technical;
    }
}
