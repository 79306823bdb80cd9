package dev.clausewatch.change;

import dev.clausewatch.provision.Provision;
import java.util.List;
import java.util.Optional;

/**
 * One provision's change: its lasting id, what it was and what it is (either may be absent),
 * the word-level edits, whether it is substantive and why.
 */
public record ProvisionChange(String provisionId, ChangeKind kind, Optional<Provision> before, Optional<Provision> after,
                              List<WordDiff.Edit> edits, Reason reason) {
    public ProvisionChange {
        edits = List.copyOf(edits);
    }

    public boolean substantive() {
        return reason.substantive();
    }

    /** The heading trail where the change sits (the new place, or the old one for a removal). */
    public String location() {
        return after.or(() -> before).map(Provision::location).orElse("");
    }
}
