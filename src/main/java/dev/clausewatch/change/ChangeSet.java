package dev.clausewatch.change;

import dev.clausewatch.provision.EffectiveDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that changed between two versions. Cosmetic as a whole when no change in it is
 * substantive. {@code technical} marks a change into a technical-upgrade version (re-extraction),
 * which is compared like any other but on which nothing downstream alerts. {@code variantOf} names
 * an earlier version (by number) whose text this one has, up to spelling, spacing and markup: the
 * page came back in another variant (a regional copy, a British spelling), which is not a change.
 */
public record ChangeSet(List<ProvisionChange> changes, Optional<EffectiveDate> effectiveBefore, Optional<EffectiveDate> effectiveAfter,
                        boolean technical, Optional<Integer> variantOf) {
    public ChangeSet {
        changes = List.copyOf(changes);
        // Change sets stored before variants were told apart read back as none.
        variantOf = variantOf == null ? Optional.empty() : variantOf;
    }

    public ChangeSet(List<ProvisionChange> changes, Optional<EffectiveDate> effectiveBefore, Optional<EffectiveDate> effectiveAfter, boolean technical) {
        this(changes, effectiveBefore, effectiveAfter, technical, Optional.empty());
    }

    /** The same changes, known to lead back to the text of version {@code number} in another variant. */
    public ChangeSet asVariantOf(int number) {
        return new ChangeSet(changes, effectiveBefore, effectiveAfter, technical, Optional.of(number));
    }

    public boolean substantive() {
        return variantOf.isEmpty() && changes.stream().anyMatch(ProvisionChange::substantive);
    }

    /** The substantive changes; none when the set leads back to an earlier version's text. */
    public List<ProvisionChange> substantiveChanges() {
        return variantOf.isPresent() ? List.of() : changes.stream().filter(ProvisionChange::substantive).toList();
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
