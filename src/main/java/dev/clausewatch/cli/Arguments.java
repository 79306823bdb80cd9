package dev.clausewatch.cli;

import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.time.Instant;
import java.util.List;

/** Turns command-line words into domain values, with errors that say what was expected. */
final class Arguments {
    private Arguments() {}

    /** A registered document; an id that is well-formed but unknown is a sentence saying so. */
    static Document document(Workspace workspace, String text) {
        DocumentId id = DocumentId.parse(text);
        return workspace.registry().document(id).orElseThrow(() -> new NotFoundException("No document " + id
                + " in the registry; `clausewatch documents " + id.platform() + "` lists that platform's documents."));
    }

    /** The document's timeline; a document with no version yet is a sentence saying so. */
    static List<TimelineEntry> timeline(Workspace workspace, Document document) {
        List<TimelineEntry> timeline = workspace.archive().timeline(document.id());
        if (timeline.isEmpty()) throw new NotFoundException("No version of " + document.id() + " is archived yet.");
        return timeline;
    }

    /** The document's derived versions, oldest first; archived but not derived yet, or not archived, is a sentence saying so. */
    static List<VersionProvisions> history(Workspace workspace, Document document) {
        timeline(workspace, document);
        List<VersionProvisions> history = workspace.records().history(document.id());
        if (history.isEmpty()) throw new NotFoundException("The versions of " + document.id()
                + " are archived but not processed yet; run `clausewatch process`.");
        return history;
    }

    /** The latest derived version of the document (see {@link #history}). */
    static VersionProvisions current(Workspace workspace, Document document) {
        return history(workspace, document).getLast();
    }

    /** The last instant a date argument covers (see {@link dev.clausewatch.archive.Archive#endOf}). */
    static Instant endOf(String text) {
        return dev.clausewatch.archive.Archive.endOf(text);
    }
}
