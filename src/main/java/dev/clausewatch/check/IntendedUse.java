package dev.clausewatch.check;

import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.PlatformId;
import java.util.List;
import java.util.Locale;

/**
 * What someone plans to do ("pre-screen job applicants with a language model"), on which platforms,
 * and where (jurisdictions such as EU, UK, US or US-CA, which choose the regulations shown).
 */
public record IntendedUse(String description, List<PlatformId> platforms, List<String> jurisdictions) {
    public static final int LONGEST_DESCRIPTION = 1_000;
    public static final int MOST_PLATFORMS = 20;

    public IntendedUse {
        description = description == null ? "" : description.strip();
        if (description.codePoints().filter(Character::isLetter).count() < 3) {
            throw new IllegalArgumentException("the use must be described in words (at least three letters), e.g. \"pre-screen job applicants\"");
        }
        if (description.length() > LONGEST_DESCRIPTION) {
            throw new IllegalArgumentException("the use's description is " + description.length() + " characters; at most " + LONGEST_DESCRIPTION);
        }
        platforms = List.copyOf(platforms);
        if (platforms.isEmpty()) throw new IllegalArgumentException("name at least one platform the use relies on");
        if (platforms.size() > MOST_PLATFORMS) throw new IllegalArgumentException("at most " + MOST_PLATFORMS + " platforms per check");
        jurisdictions = jurisdictions.stream().map(j -> j.strip().toUpperCase(Locale.ROOT)).filter(j -> !j.isEmpty()).distinct().toList();
        for (String j : jurisdictions) {
            if (!j.matches("[A-Z]{2}(-[A-Z]{2})?")) {
                throw new IllegalArgumentException("jurisdiction \"" + j + "\" is not a country or region code such as EU, UK, US or US-CA");
            }
        }
    }

    /*
     * The means every such use shares ("with a language model", "using an LLM"): words that would
     * match every AI policy's provisions about models and say nothing about what the use is for.
     */
    private static final java.util.regex.Pattern MEANS = java.util.regex.Pattern.compile("(?i)\\b(?:with|using|via|through|by|from)\\s+"
            + "(?:(?:a|an|the|our|their|its)\\s+)?(?:(?:large|generative|vendor's|third-party)\\s+)?(?:language\\s+models?|llms?|ai(?:\\s+models?)?"
            + "|gen\\s*ai|models?|model\\s+output)\\b");

    /** What the use is for, without the means every AI use shares: what is matched against provisions. */
    public String purpose() {
        String purpose = MEANS.matcher(description).replaceAll(" ").replaceAll("\\s+", " ").strip();
        return purpose.codePoints().filter(Character::isLetter).count() < 3 ? description : purpose;
    }

    /** Whether a regulation of {@code jurisdiction} ("US-CA") concerns this use: all do when none were named; "US" takes in its states. */
    public boolean concerns(String jurisdiction) {
        if (jurisdictions.isEmpty()) return true;
        String j = jurisdiction.toUpperCase(Locale.ROOT);
        return jurisdictions.stream().anyMatch(mine -> j.equals(mine) || j.startsWith(mine + "-"));
    }

    /** Parses comma-separated platform ids as a form or a command line gives them, refusing a bad one by name. */
    public static List<PlatformId> platforms(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(id -> {
            try {
                return new PlatformId(id);
            } catch (IllegalArgumentException | InvalidInputException e) {
                throw new IllegalArgumentException("platform \"" + id + "\": " + e.getMessage());
            }
        }).toList();
    }
}
