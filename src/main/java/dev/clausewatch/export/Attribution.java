package dev.clausewatch.export;

import dev.clausewatch.archive.Provenance;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.TreeHead;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What every export says about where its texts come from and under what terms: the archives its
 * versions were imported from (Open Terms Archive data is ODC-BY 1.0: attribute "Open Terms Archive
 * contributors"), that captures of Clausewatch's own are the platforms' published text, and the
 * signed head the export was made under, so that a reader can check it against the archive.
 */
final class Attribution {
    private Attribution() {}

    /** {@code ATTRIBUTION.md} of an export: the sources, their licence, the head, and the export's {@code layout}. */
    static void write(ExportSink sink, Collection<List<TimelineEntry>> timelines, Optional<TreeHead> head, java.time.Instant now, String layout) {
        Exports.write(sink, "ATTRIBUTION.md", markdown("Clausewatch export", timelines, head, Exports.instant(now)) + "\n## Layout\n\n" + layout + "\n");
    }

    static String markdown(String title, Collection<List<TimelineEntry>> timelines, Optional<TreeHead> head, String generatedAt) {
        TreeSet<String> archives = new TreeSet<>();
        for (List<TimelineEntry> timeline : timelines) {
            for (TimelineEntry e : timeline) for (Provenance p : e.provenances()) archives.add(p.archive());
        }
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        out.append("Exported by Clausewatch on ").append(generatedAt).append(".\n\n## Sources and licence\n\n");
        out.append("The texts are the platforms' own published terms, as archived. Where a version came from another archive, it is named ")
                .append("here; Open Terms Archive data is licensed ODC-BY 1.0 (Open Data Commons Attribution License): attribute ")
                .append("\"Open Terms Archive contributors\" when you reuse it.\n\n");
        if (archives.isEmpty()) out.append("- No provenance was recorded.\n");
        for (String archive : archives) out.append("- ").append(archive).append('\n');
        out.append("\n## Tamper evidence\n\n");
        if (head.isEmpty()) {
            out.append("The archive had no signed head when this export was made (`clausewatch verify` seals one).\n");
        } else {
            out.append("Made under this signed head of the archive's log (check it with `clausewatch verify`; `clausewatch head` prints the ")
                    .append("newest):\n\n```json\n").append(head.get().toJson()).append("\n```\n");
        }
        return out.toString();
    }
}
