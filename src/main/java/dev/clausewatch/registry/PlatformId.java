package dev.clausewatch.registry;

/** A platform's lasting id, a slug such as {@code amazon-web-services}. */
public record PlatformId(String value) implements Comparable<PlatformId> {
    public PlatformId {
        Slug.requireValid("platform id", value);
    }

    /** The id a platform gets from its display name ("Amazon Web Services" → amazon-web-services). */
    public static PlatformId fromName(String name) {
        return new PlatformId(Slug.of(name));
    }

    @Override
    public int compareTo(PlatformId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
