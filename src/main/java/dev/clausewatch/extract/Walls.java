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

    /** Where a marker is looked for: what a reader sees (title and visible text), or the page's markup. */
    private enum Where { TEXT, MARKUP }

    /** {@code onlyWhenEmpty}: the marker is common on real pages too (a noscript hint), so it means a wall only when no content is shown. */
    private record Signature(Kind kind, String name, Where where, List<String> markers, boolean onlyWhenEmpty) {
        Signature(Kind kind, String name, Where where, List<String> markers) {
            this(kind, name, where, markers, false);
        }
    }

    /*
     * Only the page's own signs decide: what the challenge says to the reader, and markup that
     * only a challenge page carries (Cloudflare's challenge form and options). Protection scripts
     * that real pages load too — Cloudflare's bot detection (/cdn-cgi/challenge-platform/…/jsd),
     * an invisible reCAPTCHA, Imperva's and DataDome's tags — are no sign at all.
     */
    private static final List<Signature> CHALLENGES = List.of(
            new Signature(Kind.BOT_CHALLENGE, "Cloudflare challenge", Where.TEXT, List.of("attention required! | cloudflare",
                    "checking your browser before accessing", "just a moment...", "checking if the site connection is secure")),
            new Signature(Kind.BOT_CHALLENGE, "Cloudflare challenge", Where.MARKUP, List.of("cf-browser-verification", "cf_chl_opt",
                    "id=\"challenge-form\"", "cf-challenge-running")),
            new Signature(Kind.BOT_CHALLENGE, "Incapsula/Imperva challenge", Where.TEXT, List.of("incapsula incident id",
                    "request unsuccessful. incapsula")),
            new Signature(Kind.BOT_CHALLENGE, "Akamai block", Where.TEXT, List.of("access denied\nyou don't have permission")),
            new Signature(Kind.BOT_CHALLENGE, "Akamai block", Where.MARKUP, List.of("reference&#32;&#35;", "errors.edgesuite.net")),
            new Signature(Kind.BOT_CHALLENGE, "DataDome challenge", Where.MARKUP, List.of("captcha-delivery.com")),
            new Signature(Kind.BOT_CHALLENGE, "CAPTCHA", Where.TEXT, List.of("are you a robot", "verify you are human")),
            new Signature(Kind.BOT_CHALLENGE, "JavaScript required", Where.TEXT, List.of("enable javascript", "javascript is disabled",
                    "javascript is required", "requires javascript", "you need to enable javascript"), true));
    private static final List<Signature> WALLS = List.of(
            new Signature(Kind.LOGIN_OR_COOKIE_WALL, "login wall", Where.TEXT, List.of("log in to continue", "sign in to continue",
                    "login to continue", "please log in", "please sign in", "you must be logged in")),
            new Signature(Kind.LOGIN_OR_COOKIE_WALL, "cookie wall", Where.TEXT, List.of("accept cookies to continue", "before you continue to",
                    "we need your consent to continue")),
            new Signature(Kind.LOGIN_OR_COOKIE_WALL, "cookie wall", Where.MARKUP, List.of("consent.google.com")));

    private Walls() {}

    /** Refuses a page that is a challenge or a wall: carrying a sign of one and showing (almost) nothing else. */
    static void refuseIfWall(Document document, String rawHtml, URI location) {
        if (document.body() == null) return;
        String visible = visibleText(document);
        String text = (document.title() + "\n" + visible).toLowerCase(Locale.ROOT);
        String markup = rawHtml.toLowerCase(Locale.ROOT);
        int visibleWords = words(visible);
        for (List<Signature> family : List.of(CHALLENGES, WALLS)) {
            for (Signature signature : family) {
                String haystack = signature.where() == Where.TEXT ? text : markup;
                for (String marker : signature.markers()) {
                    if (!haystack.contains(marker)) continue;
                    int limit = signature.onlyWhenEmpty() ? MIN_WORDS : WALL_MAX_WORDS;
                    if (visibleWords <= limit) {
                        throw new ExtractionException(signature.kind(), "the page at " + location + " is a " + signature.name()
                                + " (\"" + marker + "\"), not the document");
                    }
                }
            }
        }
    }

    /** What a reader sees: the body without scripts, styles and noscript fallbacks (taken from a copy), lines kept apart. */
    private static String visibleText(Document document) {
        var body = document.body().clone();
        body.select("script, style, noscript, template").remove();
        return body.wholeText().replaceAll("[ \t\u00A0]+", " ").replaceAll("\\s*\\n\\s*", "\n");
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
