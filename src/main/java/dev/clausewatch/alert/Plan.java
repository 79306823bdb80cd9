package dev.clausewatch.alert;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * What an organisation's plan allows, as data, checked in one place ({@link #refusal}) so that the
 * web app, the API and the command line refuse with the same sentence: the limit, and the plan
 * that lifts it.
 */
public enum Plan {
    /** One platform, told only in a weekly digest. */
    FREE(OptionalInt.of(1), false, false),
    /** Ten platforms, same-day alerts with structured change summaries. */
    WATCHER(OptionalInt.of(10), true, false),
    /** Any number of platforms; provision, topic and regulation watches. */
    PROFESSIONAL(OptionalInt.empty(), true, true);

    private final OptionalInt platforms;
    private final boolean sameDay;
    private final boolean provisionLevel;

    Plan(OptionalInt platforms, boolean sameDay, boolean provisionLevel) {
        this.platforms = platforms;
        this.sameDay = sameDay;
        this.provisionLevel = provisionLevel;
    }

    public boolean sameDay() {
        return sameDay;
    }

    /** Audit-ready reports from the web app come with the Professional plan. */
    public boolean reports() {
        return provisionLevel;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static Plan parse(String name) {
        for (Plan plan : values()) if (plan.name().equalsIgnoreCase(name)) return plan;
        throw new IllegalArgumentException("\"" + name + "\" is not a plan: use free, watcher or professional");
    }

    /**
     * Why {@code watch} may not be added to an organisation on this plan that already watches
     * {@code platformsWatched} distinct platforms (counting the watch's own when it is new), or
     * empty when it may.
     */
    public java.util.Optional<String> refusal(Watch watch, int platformsAfter) {
        if (!provisionLevel && watch.kind() != Watch.Kind.PLATFORM && watch.kind() != Watch.Kind.DOCUMENT) {
            String what = switch (watch.kind()) {
                case PROVISION -> "a single provision";
                case TOPIC -> "a topic across platforms";
                case USE -> "a saved use-case check";
                default -> "a regulation";
            };
            return java.util.Optional.of("Watching " + what + " is part of the Professional plan; the " + label()
                    + " plan watches platforms and documents.");
        }
        if (platforms.isPresent() && platformsAfter > platforms.getAsInt()) {
            Plan lifts = this == FREE ? WATCHER : PROFESSIONAL;
            return java.util.Optional.of("The " + label() + " plan watches at most " + platforms.getAsInt() + " platform"
                    + (platforms.getAsInt() == 1 ? "" : "s") + "; this would be " + platformsAfter + ". The " + lifts.label()
                    + " plan watches " + lifts.platforms.stream().mapToObj(n -> "up to " + n).findFirst().orElse("any number of")
                    + " platforms.");
        }
        return java.util.Optional.empty();
    }
}
