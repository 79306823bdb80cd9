package dev.clausewatch.provision;

import dev.clausewatch.registry.DocumentId;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the documents a version refers to: Markdown links, and names of documents written out
 * ("the AWS Acceptable Use Policy", "our Usage Policies"). A reference is binding when its
 * sentence incorporates the document ("incorporated by reference", "supplements", "you must comply
 * with", "subject to", "forms part of"…) and does not deny it ("does not form part of these
 * Terms"), else a mention. Its direction: when the sentence's subject is this document and its verb
 * makes it part of the named one ("This Policy supplements the AWS Acceptable Use Policy", "This
 * Addendum is incorporated into and forms part of the Commercial Terms"), this document is part of
 * the target's rules; otherwise the target is part of this document's.
 */
public final class References {
    private static final Pattern LINK = Pattern.compile("\\[([^\\[\\]]{2,200})\\]\\(((?=[^\\s)])[^\\s()]*+(?:\\([^\\s()]*+\\)[^\\s()]*+)?)(?:\\s+\"[^\"\\n]{0,500}\")?\\)");
    private static final Pattern NAMED = Pattern.compile(
            "\\b((?:[A-Z][\\w.&'’-]*\\s+){0,6}(?:Acceptable Use|Usage|Use|Privacy|Cookie|Responsible AI|Service|Services|Content|Community|"
                    + "Data Processing|Data|Copyright|Trademark|Brand|Developer|API|Commercial|Enterprise|Business|Supplemental|Additional|"
                    + "Customer|User|Seller|Advertising|Ads|Platform|Model|Safety|Security|Law Enforcement|Subprocessor)?\\s*"
                    + "(?:Policy|Policies|Terms|Agreement|Addendum|Guidelines|Notice|Statement|Standards|Principles|Conditions))\\b");
    private static final List<String> BINDING = List.of("incorporated", "incorporates", "incorporate", "supplement", "subject to",
            "must comply", "shall comply", "agree to comply", "you agree to", "form part of", "forms part of", "are part of", "is part of",
            "governed by", "bound by", "apply to your use", "applies to your use", "in addition to", "also apply", "also applies",
            "also bound", "accept the", "must follow", "must adhere", "comply with");
    /** "not" or "never" shortly before a binding phrase: "does not form part of", "are not incorporated". */
    private static final Pattern DENIED = Pattern.compile("\\b(?:not|never)\\s+(?:\\w+\\s+){0,2}?(?:form|forms|part|incorporated|incorporate|"
            + "supplement|supplements|subject|bound|governed|apply|applies)\\b");
    /** This document as the subject of a verb that makes it part of another. */
    private static final Pattern PART_OF = Pattern.compile("\\b(?:this|these)\\s+(?:[\\w-]+\\s+){0,5}?(?:policy|policies|terms|addendum|"
            + "guidelines|document|notice|standards|agreement|supplement|rules|conditions)\\b(?:\\s*\\([^)]{0,40}\\))?[^.;]{0,80}?\\b"
            + "(?:supplements?|(?:is|are)\\s+(?:a\\s+)?supplement(?:al)?\\s+to|(?:is|are|forms?|constitutes?)\\s+(?:an?\\s+(?:integral\\s+)?)?part\\s+of|"
            + "(?:is|are)\\s+incorporated\\s+(?:by\\s+reference\\s+)?into)\\b");
    private static final Set<String> TOO_GENERIC = Set.of("terms", "policy", "policies", "agreement", "these terms", "this policy",
            "the terms", "the policy", "this agreement", "these policies", "our terms", "our policies");

    /** Resolves a URL or a name to a registered document, if it names one. */
    @FunctionalInterface
    public interface Resolver extends BiFunction<Optional<String>, String, Optional<DocumentId>> {}

    private References() {}

    /** References to other documents than {@code self} (a document naming itself is no reference). */
    public static List<Reference> in(List<Provision> provisions, Resolver resolver, DocumentId self) {
        return in(provisions, resolver).stream().filter(r -> !r.target().filter(self::equals).isPresent()).toList();
    }

    /**
     * The same, reusing what {@code known} holds for a provision with the same Markdown (and
     * filling it): consecutive versions share most provisions, and finding references is regex
     * work over each. {@code known} must only be shared between calls with the same resolver.
     */
    public static List<Reference> in(List<Provision> provisions, Resolver resolver, DocumentId self, Map<String, List<Reference>> known) {
        List<Reference> references = new ArrayList<>();
        for (Provision p : provisions) {
            for (Reference r : known.computeIfAbsent(p.markdown() + "\u0000" + p.text(), k -> in(List.of(p), resolver, self))) {
                references.add(r.provisionId().equals(p.id()) && r.position() == p.position() ? r
                        : r.at(p.id(), p.position()));
            }
        }
        return references;
    }

    public static List<Reference> in(List<Provision> provisions, Resolver resolver) {
        List<Reference> references = new ArrayList<>();
        for (Provision p : provisions) {
            Set<String> seen = new LinkedHashSet<>();
            Matcher link = LINK.matcher(p.markdown());
            while (link.find()) {
                String name = link.group(1).replaceAll("[*_`]", "").strip();
                String url = link.group(2);
                if (!looksLikeDocumentLink(url) || !looksLikeDocument(name)) continue;
                seen.add(name.toLowerCase(Locale.ROOT));
                references.add(reference(p, name, Optional.of(url), resolver));
            }
            Matcher named = NAMED.matcher(p.text());
            while (named.find()) {
                String name = named.group(1).strip();
                if (TOO_GENERIC.contains(name.toLowerCase(Locale.ROOT)) || !seen.add(name.toLowerCase(Locale.ROOT))) continue;
                if (!Character.isUpperCase(name.charAt(0))) continue;
                references.add(reference(p, name, Optional.empty(), resolver));
            }
        }
        return references;
    }

    private static Reference reference(Provision p, String name, Optional<String> url, Resolver resolver) {
        String sentence = p.sentences().stream().filter(s -> s.contains(name)).findFirst().orElse(p.text());
        String lower = sentence.toLowerCase(Locale.ROOT);
        boolean binding = BINDING.stream().anyMatch(lower::contains) && !DENIED.matcher(lower).find();
        return new Reference(p.id(), p.position(), sentence, name, url, resolver.apply(url, name), binding, binding && partOf(lower, name));
    }

    /** Whether the sentence makes this document part of the one it names: its subject and verb come before the name. */
    static boolean partOf(String lowerSentence, String name) {
        Matcher m = PART_OF.matcher(lowerSentence);
        int named = lowerSentence.indexOf(name.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (named < 0 || named >= m.end() - 1) return true;
        }
        return false;
    }

    private static boolean looksLikeDocumentLink(String url) {
        if (url.startsWith("#") || url.startsWith("mailto:")) return false;
        try {
            URI uri = URI.create(url);
            return uri.getScheme() == null || uri.getScheme().startsWith("http");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean looksLikeDocument(String name) {
        return NAMED.matcher(name).find() && !TOO_GENERIC.contains(name.toLowerCase(Locale.ROOT));
    }
}
