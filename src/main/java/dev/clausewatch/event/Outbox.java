package dev.clausewatch.event;

import java.util.Collection;
import java.util.List;

/**
 * The durable, ordered list of events. Appending is part of the transaction that wrote what the
 * event announces (see {@code ArchiveStore.DocumentLedger#announce} and the processor's writes);
 * this face is for readers, which follow it by sequence number.
 */
public interface Outbox {

    /** Events after {@code seq}, in order, at most {@code limit}, of the given types (all types when empty). */
    List<Event> after(long seq, Collection<EventType> types, int limit);

    /** The sequence number of the newest event, 0 when there is none. */
    long latestSeq();
}
