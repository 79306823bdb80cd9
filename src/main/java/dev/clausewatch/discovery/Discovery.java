package dev.clausewatch.discovery;

import dev.clausewatch.registry.KnownPlatforms;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes the governance documents a platform's pages link to and its declarations do not name:
 * only on the platform's own sites (a host sharing its last two labels with a declared address or
 * a page read), so that a link to a regulator or a partner is not proposed as the platform's.
 */
public final class Discovery {
    /** A page read: what it is (a document id, a snapshot), where it was, and its HTML or Markdown. */
    public record Page(String label, URI url, String content, boolean html) {}

    private Discovery() {}

    public static List<Proposal> propose(String platform, Collection<URI> declared, List<Page> pages) {
        Set<String> known = new LinkedHashSet<>();
        Set<String> sites = new LinkedHashSet<>();
        for (URI d : declared) GovernanceLinks.normal(d.toString()).ifPresent(u -> {
            known.add(GovernanceLinks.key(u));
            sites.add(site(u.getHost()));
        });
        pages.forEach(p -> sites.add(site(p.url().getHost() == null ? "" : p.url().getHost())));
        // One proposal per document whatever the language of its address: the first address met stands for the others.
        Map<String, URI> byKey = new LinkedHashMap<>();
        Map<URI, List<String>> texts = new LinkedHashMap<>();
        Map<URI, Set<String>> foundOn = new LinkedHashMap<>();
        for (Page page : pages) {
            List<GovernanceLinks.Link> links = page.html() ? GovernanceLinks.inHtml(page.content(), page.url()) : GovernanceLinks.inMarkdown(page.content(), page.url());
            for (GovernanceLinks.Link link : links) {
                String key = GovernanceLinks.key(link.url());
                if (known.contains(key) || !sites.contains(site(link.url().getHost()))) continue;
                URI url = byKey.computeIfAbsent(key, k -> link.url());
                List<String> words = texts.computeIfAbsent(url, k -> new ArrayList<>());
                if (!link.text().isEmpty() && !words.contains(link.text())) words.add(link.text());
                foundOn.computeIfAbsent(url, k -> new LinkedHashSet<>()).add(page.label());
            }
        }
        List<Proposal> proposals = new ArrayList<>();
        texts.forEach((url, words) -> proposals.add(new Proposal(platform, url, words, type(words, url), List.copyOf(foundOn.get(url)))));
        return proposals;
    }

    /** The document type the link's words name, else its address's last words ("/policies/usage-policies" → Usage Policies, when a type). */
    private static Optional<String> type(List<String> words, URI url) {
        for (String w : words) {
            Optional<String> named = KnownPlatforms.documentTypeIn(w).map(t -> t.name());
            if (named.isPresent()) return named;
        }
        String path = url.getPath().replaceAll("[/_.-]+", " ");
        return KnownPlatforms.documentTypeIn(path).map(t -> t.name());
    }

    /** A host's last two labels ("openai.com" for "help.openai.com"): close enough to "the same site" for proposing. */
    static String site(String host) {
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        return labels.length <= 2 ? host.toLowerCase(Locale.ROOT) : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
