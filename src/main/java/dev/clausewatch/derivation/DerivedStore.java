package dev.clausewatch.derivation;

import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.event.Event;
import dev.clausewatch.registry.DocumentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where derived records and the processor's claims live. Implementations at the edge
 * ({@code storage}) must make {@link #claim} exclusive across processes for a lease, and
 * {@link #commit} atomic: every row and event of one document's work, and the head update, or
 * nothing (also when the claim was lost meanwhile).
 */
public interface DerivedStore {

    /** A document claimed for processing: events up to {@code throughSeq} are being handled. */
    record Claim(DocumentId document, String worker, long throughSeq, Set<String> eventTypes) {}

    /** A document's head: its current version's key as derived, by which deriver, and the last event handled. */
    record Head(DocumentId document, String headKey, String deriver, long handledSeq) {}

    /** One document's derived work, written at once. */
    record Work(Claim claim, String headKey, List<DerivedVersion> versions, List<DerivedChange> changes,
                Map<String, List<TopicMatch>> topicsByTextSha, List<Event> events) {}

    /** Documents with events not handled yet, oldest waiting first, at most {@code limit}. */
    List<DocumentId> pending(int limit);

    /** Claims the document for {@code lease} unless another worker holds it; empty when held or nothing is pending. */
    Optional<Claim> claim(DocumentId document, String worker, Instant now, Duration lease);

    /**
     * Writes the work and moves the head; false (and nothing written) when the claim was lost
     * meanwhile. {@code crossDocument} computes events that depend on other documents' heads; it
     * runs inside the commit while holding a lock every worker's commit takes, so of two workers
     * committing related documents at once the second sees the first's head.
     */
    boolean commit(Work work, Derivers derivers, Instant now, java.util.function.Supplier<List<Event>> crossDocument);

    /**
     * Extends a claim this worker still holds to {@code now + lease}; false when it was lost (its
     * lease ran out and another worker took the document). A worker renews while it derives, so a
     * document that takes longer than one lease on a busy machine is not taken from it and derived
     * again from the start by each worker in turn.
     */
    boolean renew(Claim claim, Instant now, Duration lease);

    /** Gives the claim up without writing (after a failure): another worker may take the document. */
    void release(Claim claim);

    /** Announces events outside any document's work (e.g. a derivation upgrade), once each by id. */
    void announce(List<Event> events);

    /** Keys of the document's derived versions made by {@code structureDeriver}. */
    Set<String> derivedKeys(DocumentId document, String structureDeriver);

    /** The derived versions of the document with these keys (those that exist). */
    Map<String, DerivedVersion> versions(DocumentId document, Collection<String> keys, String structureDeriver);

    /** The stored change sets into versions with these keys. */
    Map<String, DerivedChange> changes(DocumentId document, Collection<String> toKeys, String structureDeriver);

    /** Summaries of the changes along the document's current chain (every document when empty), newest first. */
    List<ChangeSummary> summaries(Optional<DocumentId> document, String structureDeriver);

    /** Topics stored for these text hashes. */
    Map<String, List<TopicMatch>> topics(Collection<String> textSha256s, String topicsDeriver);

    /** One provision of a current version referring to a document, and how (see {@link dev.clausewatch.provision.Reference}). */
    record Referral(String provisionId, boolean binding, boolean partOfTarget) {
        /** Whether the referred-to document is part of the referring document's rules. */
        public boolean incorporatesTarget() {
            return binding && !partOfTarget;
        }
    }

    /** Documents whose current version refers to {@code target}, with the referring provisions. */
    Map<DocumentId, List<Referral>> referringTo(DocumentId target, String structureDeriver);

    List<Head> heads();

    /** Documents that have archived versions but no head, or a head made by other derivers. */
    List<DocumentId> needingUpgrade(Derivers derivers);

    Backlog backlog(Instant now);

    /** Documents whose newest derivation failed and that no derivation has handled since. */
    List<DerivationFailure> failures();

    /** A token that changes whenever an event is announced or a head moves: derived pages compare it. */
    String state();

    /** When an event was last announced or a head last moved: what pages built from the records date from. */
    Optional<java.time.Instant> changedAt();
}
