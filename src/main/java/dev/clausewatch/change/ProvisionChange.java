package dev.clausewatch.change;

import dev.clausewatch.provision.Provision;
import java.util.List;
import java.util.Optional;

/**
 * One provision's change: its lasting id, what it was and what it is (either may be absent),
 * the word-level edits, whether it is substantive and why: the reason, the explanation in words
 * ("a number changed: 30 days → 14 days") and a significance from 0 (cosmetic) to 100 that orders
 * the changes of a set.
 */
public record ProvisionChange(String provisionId, ChangeKind kind, Optional<Provision> before, Optional<Provision> after,
                              List<WordDiff.Edit> edits, Reason reason, String explanation, int significance) {
    public ProvisionChange {
        edits = List.copyOf(edits);
        // Change sets stored before explanations existed read back with the reason's own words.
        if (explanation == null || explanation.isEmpty()) explanation = reason.description();
    }

    ProvisionChange(String provisionId, ChangeKind kind, Optional<Provision> before, Optional<Provision> after,
                    List<WordDiff.Edit> edits, Explanation why) {
        this(provisionId, kind, before, after, edits, why.reason(), why.text(), why.significance());
    }

    public boolean substantive() {
        return reason.substantive();
    }

    /** The heading trail where the change sits (the new place, or the old one for a removal). */
    public String location() {
        return after.or(() -> before).map(Provision::location).orElse("");
    }
}
