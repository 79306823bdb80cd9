package dev.clausewatch.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The links of a page that name a governance document, by their words ("Usage Policies", "Model
 * Card", "Data Processing Addendum") or their address ({@code /policies/…}, {@code /legal/…}).
 */
final class GovernanceLinks {
    /** A link found: where it points (absolute, without query or fragment) and its words. */
    record Link(URI url, String text) {}

    private static final Pattern WORDS = Pattern.compile("(?i)\\b(terms|polic(?:y|ies)|privacy|acceptable use|usage|guidelines|model card|system card"
            + "|agreement|addendum|data processing|cookies?|legal|notice|community standards|rules|conditions|eula|licen[cs]e|code of conduct)\\b");
    private static final Pattern PATH = Pattern.compile("(?i)/(?:[a-z-]*-)?(terms|polic(?:y|ies)|legal|privacy|aup|usage-polic\\w*|guidelines|model-cards?"
            + "|system-cards?|dpa|cookies?|eula|community-(?:standards|guidelines)|tos)(?:[/.#?-]|$)");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\[\\]]{1,200})\\]\\(([^()\\s]{1,2000})(?:\\s+\"[^\"\\n]{0,300}\")?\\)");
    private static final int LONGEST_TEXT = 120;
    /** Earlier versions of a document already followed ("/revisions/2026-02-06", "View previous terms"): history, not a new document. */
    private static final Pattern PAST_PATH = Pattern.compile("(?i)/(?:revisions?|archived?|previous|history|versions)(?:/|$)|/\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern PAST_WORDS = Pattern.compile("(?i)\\b(?:previous|earlier|older|archived?|prior) (?:version|terms|polic|business|data)|\\bthis version\\b");
    /** A hub listing the documents, not one of them ("/policies", "/legal"). */
    private static final Pattern HUB = Pattern.compile("(?i)^/(?:[a-z]{2}(?:[-_][a-z]{2,4})?/)?(?:policies|legal|terms|privacy|trust|legal-center)?$");
    /** Help and support articles, which explain documents rather than bind anyone, unless their words name one. */
    private static final Pattern HELP_HOST = Pattern.compile("(?i)^(?:help|support|community|docs|learn|developers?)\\.");
    private static final Pattern DOCUMENT_WORDS = Pattern.compile("(?i)\\b(?:terms|polic(?:y|ies)|notice|guidelines|agreement|addendum|model card|system card|code of conduct|standards)\\b");
    /** Redirectors, whose address says nothing of where they lead. */
    private static final Pattern REDIRECT = Pattern.compile("(?i)/(?:fwlink|l\\.php|redirect|out)(?:/|$)");
    /** A leading language or region segment ("/en-GB/", "/fr/", "/pt-pt/"): one document in many languages. */
    private static final Pattern LOCALE = Pattern.compile("^/[a-z]{2}(?:[-_][A-Za-z]{2,4})?(?=/|$)");

    private GovernanceLinks() {}

    static List<Link> inHtml(String html, URI page) {
        List<Link> links = new ArrayList<>();
        for (Element a : Jsoup.parse(html, page.toString()).select("a[href]")) {
            keep(a.absUrl("href"), a.text(), page).ifPresent(links::add);
        }
        return links;
    }

    static List<Link> inMarkdown(String markdown, URI page) {
        List<Link> links = new ArrayList<>();
        Matcher m = MARKDOWN_LINK.matcher(markdown);
        while (m.find()) {
            String href;
            try {
                href = page.resolve(m.group(2)).toString();
            } catch (IllegalArgumentException e) {
                continue; // not an address: text in brackets followed by text in parentheses
            }
            keep(href, m.group(1), page).ifPresent(links::add);
        }
        return links;
    }

    private static Optional<Link> keep(String href, String text, URI page) {
        URI url = normal(href).orElse(null);
        if (url == null || url.equals(normal(page.toString()).orElse(null))) return Optional.empty();
        String words = text.strip().replaceAll("\\s+", " ");
        if (words.length() > LONGEST_TEXT) words = words.substring(0, LONGEST_TEXT);
        boolean named = WORDS.matcher(words).find() || PATH.matcher(url.getPath()).find();
        boolean past = PAST_PATH.matcher(url.getPath()).find() || PAST_WORDS.matcher(words).find();
        boolean hub = HUB.matcher(url.getPath()).matches();
        boolean help = HELP_HOST.matcher(url.getHost()).find() && !DOCUMENT_WORDS.matcher(words).find();
        boolean redirect = REDIRECT.matcher(url.getPath()).find();
        return named && !past && !hub && !help && !redirect ? Optional.of(new Link(url, words)) : Optional.empty();
    }

    /** The same document whatever the language its address names: host and path without a leading locale. */
    static String key(URI url) {
        String path = LOCALE.matcher(url.getPath()).replaceFirst("");
        String host = url.getHost().startsWith("www.") ? url.getHost().substring(4) : url.getHost();
        return host + (path.isEmpty() ? "/" : path);
    }

    /** http(s) only, host in lower case, no query, fragment or trailing slash: one address per page. */
    static Optional<URI> normal(String href) {
        try {
            URI uri = new URI(href.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getUserInfo() != null) return Optional.empty();
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
            return Optional.of(new URI("https", uri.getHost().toLowerCase(Locale.ROOT), path, null));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
