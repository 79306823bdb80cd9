package dev.clausewatch.registry;

import java.util.Objects;

/** A governance document of a platform: one per platform and document type. */
public record Document(DocumentId id, String platformName) {
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(platformName, "platformName");
    }

    public Platform platform() {
        return new Platform(id.platform(), platformName);
    }

    /** How people name it: "Amazon Web Services Acceptable Use Policy". */
    public String title() {
        return platformName + " " + id.type().name();
    }
}
