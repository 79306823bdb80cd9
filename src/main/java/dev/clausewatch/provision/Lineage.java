package dev.clausewatch.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Lasting provision ids through a document's history. The first version's provisions get new
 * ids; each later version is aligned with the one before it, and a provision inherits the id of
 * the provision it came from (unchanged, moved or modified). Of a split, the part most like the
 * original keeps its id; a merge keeps the id of its first part; everything added gets a new id.
 * New ids are derived from the document, the version's content hash and the position, so the same
 * history always gives the same ids.
 */
public final class Lineage {
    /** One version's text, identified by its content hash. */
    public record VersionText(String sha256, String markdown) {}

    private final ProvisionParser parser;

    public Lineage(ProvisionParser parser) {
        this.parser = parser;
    }

    /** Each version's provisions with their lasting ids, in the order the versions are given. */
    public List<List<Provision>> of(String document, List<VersionText> versions) {
        List<List<Provision>> result = new ArrayList<>();
        List<Provision> previous = null;
        for (VersionText version : versions) {
            List<Provision> provisions = parser.parse(version.markdown());
            List<Provision> identified = previous == null
                    ? fresh(document, version, provisions)
                    : inherit(document, version, Alignment.of(previous, provisions));
            result.add(identified);
            previous = identified;
        }
        return result;
    }

    /** The provisions of a document's first version, each with a new id. */
    public List<Provision> first(String document, VersionText first) {
        return fresh(document, first, parser.parse(first.markdown()));
    }

    /** The provisions of {@code next}, with ids carried over from {@code identifiedBefore} where they came from it. */
    public List<Provision> next(String document, VersionText next, List<Provision> identifiedBefore) {
        return aligned(document, next, identifiedBefore).provisions();
    }

    /** The provisions of a version with their ids, and the alignment with the version before that gave them. */
    public record Aligned(List<Provision> provisions, Alignment alignment) {}

    /** {@link #next}, keeping the alignment (for a change set of the same pair). */
    public Aligned aligned(String document, VersionText next, List<Provision> identifiedBefore) {
        Alignment alignment = Alignment.of(identifiedBefore, parser.parse(next.markdown()));
        return new Aligned(inherit(document, next, alignment), alignment);
    }

    private static List<Provision> fresh(String document, VersionText version, List<Provision> provisions) {
        List<Provision> identified = new ArrayList<>();
        for (Provision p : provisions) identified.add(p.withId(newId(document, version, p.position())));
        return identified;
    }

    private static List<Provision> inherit(String document, VersionText version, Alignment alignment) {
        List<Provision> identified = new ArrayList<>(alignment.after());
        List<Integer> splitHeirs = new ArrayList<>();
        for (Alignment.Link link : alignment.links()) {
            Provision p = alignment.after().get(link.after());
            String id = switch (link.relation()) {
                case UNCHANGED, MOVED, MODIFIED, MERGED -> alignment.before().get(link.from().getFirst()).id();
                case SPLIT -> {
                    int original = link.from().getFirst();
                    if (splitHeirs.contains(original) || !isClosestPart(alignment, link)) yield newId(document, version, p.position());
                    splitHeirs.add(original);
                    yield alignment.before().get(original).id();
                }
                case ADDED -> newId(document, version, p.position());
            };
            identified.set(link.after(), p.withId(id));
        }
        return identified;
    }

    /** Whether this part of a split is the one most like the provision it split from. */
    private static boolean isClosestPart(Alignment alignment, Alignment.Link part) {
        int original = part.from().getFirst();
        var originalWords = Alignment.wordSet(alignment.before().get(original));
        double mine = Alignment.dice(originalWords, Alignment.wordSet(alignment.after().get(part.after())));
        for (Alignment.Link other : alignment.links()) {
            if (other == part || other.relation() != Alignment.Relation.SPLIT || other.from().getFirst() != original) continue;
            double theirs = Alignment.dice(originalWords, Alignment.wordSet(alignment.after().get(other.after())));
            if (theirs > mine || (theirs == mine && other.after() < part.after())) return false;
        }
        return true;
    }

    static String newId(String document, VersionText version, int position) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((document + "\n" + version.sha256() + "\n" + position).getBytes(StandardCharsets.UTF_8));
            return "p" + HexFormat.of().formatHex(digest).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
