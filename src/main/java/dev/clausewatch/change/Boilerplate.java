package dev.clausewatch.change;

import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.Texts;
import java.util.regex.Pattern;

/**
 * Page chrome that an extraction let through and that is not part of the document: navigation
 * ("Skip to main content", "Back to top"), sign-in and language pickers, cookie and sharing
 * prompts, copyright footers, and short lines made only of links. Coming or going, it makes no
 * change. Kept to short texts: a paragraph that says something is never chrome.
 */
final class Boilerplate {
    private static final int MAX_WORDS = 12;
    /** A provision made of this many links and nothing else is a menu or a sidebar, however long. */
    private static final int NAVIGATION_LINKS = 8;
    private static final Pattern LINK = Pattern.compile("\\]\\(");
    private static final Pattern CHROME = Pattern.compile("(?i)^(?:skip to (?:main )?content|back to top|(?:table of )?contents|on this page|in this article"
            + "|jump to|sign (?:in|up)|log ?(?:in|out)|create account|menu|close|search|print(?: this page)?|share(?: this)?|copy link"
            + "|cookie (?:settings|preferences)|manage cookies|accept(?: all)?(?: cookies)?|reject(?: all)?|select (?:a )?(?:language|region)"
            + "|language|english(?: \\(.*\\))?|was this (?:page|article|information) helpful\\??|yes no|related (?:articles|pages|links)"
            + "|help center|contact us|subscribe|download (?:the )?pdf|previous|next|home"
            // a documentation page's feedback widget
            + "|(?:did|was) this (?:doc|page|article) help(?:ful| you)?\\??|let us know (?:how|what) we can do better.*|can we contact you.*"
            + "|we.d love to hear.*|(?:send|give) (?:us )?feedback)[.!?]?$");

    private static final Pattern COPYRIGHT = Pattern.compile("(?i)^(?:©|\\(c\\)|copyright)\\s*(?:©\\s*)?(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?)?.*(?:all rights reserved\\.?)?$");
    // Possessive throughout: a long list of links that fails to match at its end must not backtrack through every space.
    private static final Pattern ONLY_LINKS = Pattern.compile("^(?:\\s*+(?:[-*+|•·]\\s*+)?\\[[^\\]]{1,80}+\\]\\([^)]*+\\)\\s*+[|•·,]?+\\s*+)++$");

    private Boilerplate() {}

    static boolean isChrome(Provision p) {
        String text = Texts.collapse(p.text());
        // No word at all (an image, a rule, a setext underline read as a line): nothing a reader is told.
        if (Texts.wordCount(text) == 0) return true;
        if (Texts.wordCount(text) > MAX_WORDS) return navigation(p);
        return CHROME.matcher(text).matches() || (COPYRIGHT.matcher(text).matches() && Texts.wordCount(text) <= 10)
                || ONLY_LINKS.matcher(Texts.collapse(p.markdown())).matches();
    }

    /** A long list of links and nothing else: a documentation sidebar or a site menu, not terms. */
    private static boolean navigation(Provision p) {
        String markdown = Texts.collapse(p.markdown());
        return LINK.matcher(markdown).results().count() >= NAVIGATION_LINKS && ONLY_LINKS.matcher(markdown).matches();
    }
}
