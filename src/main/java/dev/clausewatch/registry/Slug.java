package dev.clausewatch.registry;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Slugs as Clausewatch ids use them: lower-case ASCII words joined by single hyphens. */
public final class Slug {
    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slug() {}

    /** Makes a slug of a display name the way OTA-derived data does ("Claude.ai" → "claude-ai"). */
    public static String of(String name) {
        String ascii = DIACRITICS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        String slug = NON_ALNUM.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = slug.replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("cannot make a slug of \"" + name + "\": it has no letters or digits");
        }
        return slug;
    }

    static String requireValid(String what, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " \"" + value
                    + "\" is not a slug: use lower-case letters, digits and single hyphens, e.g. amazon-web-services");
        }
        return value;
    }
}
