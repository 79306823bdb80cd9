package dev.clausewatch.registry;

import java.util.Objects;

/** A platform whose governance documents are watched, with the name people know it by. */
public record Platform(PlatformId id, String name) {
    public Platform {
        Objects.requireNonNull(id, "id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("platform " + id + " needs a non-blank name");
        }
    }
}
