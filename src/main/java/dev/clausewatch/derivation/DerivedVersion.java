package dev.clausewatch.derivation;

import dev.clausewatch.provision.EffectiveDate;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Reference;
import dev.clausewatch.registry.DocumentId;
import java.util.List;
import java.util.Optional;

/**
 * What derivation stored of one version at its place ({@code number}, from 1) in its document's
 * timeline: provisions with lasting ids, the references they make, and the stated effective date.
 */
public record DerivedVersion(DocumentId document, String key, int number, String contentSha256, String previousKey,
                             List<Provision> provisions, List<Reference> references, Optional<EffectiveDate> effectiveDate) {
    public DerivedVersion {
        provisions = List.copyOf(provisions);
        references = List.copyOf(references);
    }
}
