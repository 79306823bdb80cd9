package dev.clausewatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.HeadSigner;
import dev.clausewatch.archive.TimelineEntry;
import dev.clausewatch.archive.TreeHead;
import dev.clausewatch.registry.DocumentId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Re-checks a report's evidence against the archive: each version's recorded hashes and its text
 * hashed again, and the head the report was made under.
 */
public final class ReportVerification {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the check found: how many versions it compared, and each mismatch in words. */
    public record Result(String document, int versions, List<String> mismatches) {
        public boolean intact() {
            return mismatches.isEmpty();
        }
    }

    private ReportVerification() {}

    /** {@code newest}: the archive's newest signed head, whose key a report's head must share. */
    public static Result check(String name, byte[] pdf, Archive archive, Optional<TreeHead> newest) {
        JsonNode evidence = evidence(name, pdf);
        DocumentId document;
        try {
            document = DocumentId.parse(evidence.path("document").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " names no document in its evidence: " + e.getMessage());
        }
        List<TimelineEntry> timeline = archive.timeline(document);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (JsonNode v : evidence.path("versions")) {
            int number = v.path("number").asInt();
            compared++;
            if (number < 1 || number > timeline.size()) {
                mismatches.add("version " + number + " of " + document + ": the archive has no such version (it has " + timeline.size() + ")");
                continue;
            }
            TimelineEntry e = timeline.get(number - 1);
            boolean rowDiffers = !e.version().contentSha256().equals(v.path("sha256").asText());
            if (rowDiffers) {
                mismatches.add("version " + number + " of " + document + ": the report says SHA-256 " + v.path("sha256").asText() + ", the archive holds "
                        + e.version().contentSha256());
            }
            // The text itself, hashed again: a blob altered under an unchanged row is caught too.
            String rehashed;
            try {
                rehashed = dev.clausewatch.capture.Sha256.of(archive.text(e.version()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalStateException missing) {
                rehashed = "missing";
            }
            if (!rowDiffers && !rehashed.equals(v.path("sha256").asText())) {
                mismatches.add("version " + number + " of " + document + ": the archived text now hashes to " + rehashed + ", not to the report's "
                        + v.path("sha256").asText());
            }
            if (!e.version().chainHash().equals(v.path("chainHash").asText())) {
                mismatches.add("version " + number + " of " + document + ": the report says chain hash " + v.path("chainHash").asText()
                        + ", the archive holds " + e.version().chainHash());
            }
        }
        if (evidence.has("head")) {
            TreeHead head = TreeHead.fromJson(evidence.get("head").toString());
            if (!HeadSigner.selfConsistent(head)) mismatches.add("the report's signed head does not verify under its own key");
            else if (newest.isPresent() && !newest.get().keyId().equals(head.keyId())) {
                mismatches.add("the report's head was signed by key " + head.keyId() + ", not by this archive's key " + newest.get().keyId());
            } else if (newest.isPresent() && newest.get().size() < head.size()) {
                mismatches.add("the report's head covers " + head.size() + " records, more than this archive's log holds (" + newest.get().size() + ")");
            }
        }
        return new Result(document.toString(), compared, mismatches);
    }

    private static JsonNode evidence(String name, byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String json = document.getDocumentInformation().getCustomMetadataValue(ReportPdf.EVIDENCE);
            if (json == null) throw new IllegalArgumentException(name + " carries no Clausewatch evidence: it is not a report made by `clausewatch report`");
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not a readable PDF: " + e.getMessage(), e);
        }
    }
}
