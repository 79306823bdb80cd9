package dev.clausewatch.extract;

import dev.clausewatch.extract.ExtractionException.Kind;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;

/**
 * Recognises pages that stand in front of the document instead of being it: bot challenges
 * (Cloudflare, Incapsula/Imperva, Akamai, DataDome, "enable JavaScript"), login and cookie walls;
 * and extractions too short to be terms. Such snapshots are kept as evidence but never make a version.
 */
final class Walls {
    /** Fewer words than this is no governance document (the shortest real imprints have ~60). */
    static final int MIN_WORDS = 25;
    /** A challenge or wall page is short; a long page that merely mentions JavaScript is a document. */
    private static final int WALL_MAX_WORDS = 400;

    /** {@code onlyWhenEmpty}: the marker is common on real pages too (a noscript hint), so it means a wall only when no content is shown. */
    private record Signature(Kind kind, String name, List<String> markers, boolean onlyWhenEmpty) {
        Signature(Kind kind, String name, List<String> markers) {
            this(kind, name, markers, false);
        }
    }

    private static final List<Signature> CHALLENGES = List.of(
            new Signature(Kind.BOT_CHALLENGE, "Cloudflare challenge", List.of("cf-browser-verification", "cf_chl_opt", "challenge-platform",
                    "cf-challenge", "attention required! | cloudflare", "checking your browser before accessing", "just a moment...")),
            new Signature(Kind.BOT_CHALLENGE, "Incapsula/Imperva challenge", List.of("_incapsula_resource", "incapsula incident id",
                    "request unsuccessful. incapsula")),
            new Signature(Kind.BOT_CHALLENGE, "Akamai block", List.of("access denied</title>", "reference&#32;&#35;", "errors.edgesuite.net")),
            new Signature(Kind.BOT_CHALLENGE, "DataDome challenge", List.of("captcha-delivery.com", "datadome")),
            new Signature(Kind.BOT_CHALLENGE, "CAPTCHA", List.of("g-recaptcha", "h-captcha", "are you a robot", "verify you are human")),
            new Signature(Kind.BOT_CHALLENGE, "JavaScript required", List.of("enable javascript", "javascript is disabled",
                    "javascript is required", "requires javascript", "you need to enable javascript"), true));
    private static final List<Signature> WALLS = List.of(
            new Signature(Kind.LOGIN_OR_COOKIE_WALL, "login wall", List.of("log in to continue", "sign in to continue", "login to continue",
                    "please log in", "please sign in", "you must be logged in")),
            new Signature(Kind.LOGIN_OR_COOKIE_WALL, "cookie wall", List.of("accept cookies to continue", "before you continue to",
                    "consent.google.com", "we need your consent to continue")));

    private Walls() {}

    /** Refuses a page that is a challenge or a wall: carrying a known signature and showing (almost) nothing else. */
    static void refuseIfWall(Document document, String rawHtml, URI location) {
        if (document.body() == null) return;
        String haystack = (document.title() + "\n" + rawHtml).toLowerCase(Locale.ROOT);
        Integer visibleWords = null;
        for (List<Signature> family : List.of(CHALLENGES, WALLS)) {
            for (Signature signature : family) {
                for (String marker : signature.markers()) {
                    if (!haystack.contains(marker)) continue;
                    if (visibleWords == null) visibleWords = visibleWords(document);
                    int limit = signature.onlyWhenEmpty() ? MIN_WORDS : WALL_MAX_WORDS;
                    if (visibleWords <= limit) {
                        throw new ExtractionException(signature.kind(), "the page at " + location + " is a " + signature.name()
                                + " (\"" + marker + "\"), not the document");
                    }
                }
            }
        }
    }

    /** Words a reader sees: the body without scripts, styles and noscript fallbacks (counted on a copy). */
    private static int visibleWords(Document document) {
        var body = document.body().clone();
        body.select("script, style, noscript, template").remove();
        return words(body.text());
    }

    static void refuseIfTooShort(String markdown, URI location) {
        int words = words(markdown);
        if (words == 0) {
            throw new ExtractionException(Kind.EMPTY, "the extraction of " + location + " is empty");
        }
        if (words < MIN_WORDS) {
            throw new ExtractionException(Kind.SUSPICIOUSLY_SHORT, "the extraction of " + location + " has only " + words
                    + " words (fewer than " + MIN_WORDS + "): too short to be the document");
        }
    }

    static int words(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) count++;
            inWord = letter;
        }
        return count;
    }
}
