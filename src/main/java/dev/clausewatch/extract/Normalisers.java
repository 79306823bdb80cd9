package dev.clausewatch.extract;

import dev.clausewatch.registry.Filter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Declarative clean-ups applied to every page before selection, so that what varies between two
 * fetches of unchanged terms (tracking parameters, protected e-mail markup, hidden widgets) never
 * shows as a change. Filters a declaration names are applied when Clausewatch knows them as data
 * ({@code removeQueryParams}); the names of OTA's custom script filters are reported as not applied.
 */
final class Normalisers {
    /** Query parameters that identify a visit or a campaign, never a document. */
    static final Set<String> TRACKING_PARAMETERS = Set.of(
            "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "utm_name",
            "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id", "igshid",
            "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsCtaTracking", "_ga", "_gl",
            "ref_src", "ref_url", "spm", "scm", "si", "mkt_tok", "trk", "trkCampaign", "sc_cid", "oly_enc_id", "oly_anon_id",
            "vero_id", "wickedid", "rb_clickid", "s_cid", "cmpid");
    /** Never content: scripts, styles, embedded media and controls. */
    private static final String NEVER_CONTENT = "script, style, noscript, template, iframe, object, embed, svg, canvas, "
            + "link, meta, input[type=hidden]";
    private static final String HIDDEN = "[hidden], [aria-hidden=true], [style]";
    /** Hidden text shorter than this is decoration (icons, tooltips, screen-reader duplicates of labels). */
    private static final int DECORATION_WORDS = 20;
    private static final int PROBE_WORDS = 30;
    private static final Pattern DISPLAY_NONE = Pattern.compile("(?i)(^|;)\\s*(display\\s*:\\s*none|visibility\\s*:\\s*hidden)");
    /** Filters that other archives implement as scripts and that Clausewatch covers with its own normalisers. */
    private static final Set<String> COVERED_BY_DEFAULTS = Set.of("unifyEmailProtectedAddresses", "removeTrackingIDs");

    private Normalisers() {}

    /** Applies the normalisers; returns the names of declared filters it could not apply. */
    static List<String> apply(Document document, List<Filter> declared) {
        Set<String> dropParameters = new HashSet<>(TRACKING_PARAMETERS);
        List<String> notApplied = new ArrayList<>();
        for (Filter filter : declared) {
            if (filter.name().equals("removeQueryParams")) dropParameters.addAll(filter.arguments());
            else if (filter.name().equals("removeTrackingIDs")) dropParameters.add("h");
            else if (!COVERED_BY_DEFAULTS.contains(filter.name())) notApplied.add(filter.name());
        }
        dropInvisible(document);
        unifyProtectedEmails(document);
        cleanLinks(document, dropParameters);
        return notApplied;
    }

    /**
     * Drops what a reader never sees. Hidden elements are dropped when short (decoration), and
     * {@code hidden} ones also when their text is shown elsewhere on the page (frameworks stream a
     * hidden copy of the page). Other long hidden elements are kept: collapsed accordion panels
     * ({@code aria-hidden}, {@code display:none}) are part of the terms, even when two panels say
     * the same (a site's Android and iPhone terms).
     */
    private static void dropInvisible(Document document) {
        document.select(NEVER_CONTENT).remove();
        for (Element hidden : document.select(HIDDEN)) {
            if (hidden.parent() == null || !isHidden(hidden)) continue;
            String text = hidden.text();
            boolean decoration = Walls.words(text) < DECORATION_WORDS;
            if (decoration || (hidden.hasAttr("hidden") && shownElsewhere(document, text))) hidden.remove();
        }
    }

    private static boolean isHidden(Element element) {
        return element.hasAttr("hidden") || element.attr("aria-hidden").equals("true")
                || DISPLAY_NONE.matcher(element.attr("style")).find();
    }

    private static boolean shownElsewhere(Document document, String text) {
        String[] words = text.strip().split("\\s+");
        String probe = String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, PROBE_WORDS)));
        String all = document.body() == null ? document.text() : document.body().text();
        return all.indexOf(probe) != all.lastIndexOf(probe);
    }

    /**
     * Cloudflare replaces addresses by {@code /cdn-cgi/l/email-protection#<hex>} links and
     * {@code data-cfemail} spans; the hex is the address XOR-ed with its first byte. Decoding it
     * gives every fetch the same, readable address.
     */
    private static void unifyProtectedEmails(Document document) {
        for (Element protectedSpan : document.select("[data-cfemail]")) {
            decode(protectedSpan.attr("data-cfemail")).ifPresent(address -> protectedSpan.replaceWith(new org.jsoup.nodes.TextNode(address)));
        }
        for (Element link : document.select("a[href*=/cdn-cgi/l/email-protection]")) {
            String href = link.attr("href");
            int hash = href.indexOf('#');
            if (hash < 0) continue;
            decode(href.substring(hash + 1)).ifPresent(address -> {
                link.attr("href", "mailto:" + address);
                if (link.text().isBlank() || link.text().contains("email protected")) link.text(address);
            });
        }
    }

    private static java.util.Optional<String> decode(String hex) {
        if (hex.length() < 4 || hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]+")) return java.util.Optional.empty();
        int key = Integer.parseInt(hex.substring(0, 2), 16);
        StringBuilder address = new StringBuilder();
        for (int i = 2; i < hex.length(); i += 2) address.append((char) (Integer.parseInt(hex.substring(i, i + 2), 16) ^ key));
        String decoded = address.toString();
        return decoded.contains("@") ? java.util.Optional.of(decoded) : java.util.Optional.empty();
    }

    private static void cleanLinks(Document document, Set<String> dropParameters) {
        for (Element link : document.select("a[href]")) {
            if (link.attr("href").startsWith("#")) continue; // a place in the same page stays relative
            String absolute = link.absUrl("href");
            if (absolute.isEmpty()) continue;
            link.attr("href", withoutParameters(absolute, dropParameters));
        }
    }

    static String withoutParameters(String url, Set<String> drop) {
        try {
            URI uri = new URI(url);
            String query = uri.getRawQuery();
            if (query == null) return url;
            List<String> kept = new ArrayList<>();
            for (String pair : query.split("&")) {
                String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (!drop.contains(name) && !drop.contains(name.toLowerCase(Locale.ROOT)) && !pair.isEmpty()) kept.add(pair);
            }
            String rebuilt = url.substring(0, url.indexOf('?')) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
            String fragment = uri.getRawFragment();
            return fragment == null || rebuilt.contains("#") ? rebuilt : rebuilt + "#" + fragment;
        } catch (URISyntaxException e) {
            return url;
        }
    }
}
