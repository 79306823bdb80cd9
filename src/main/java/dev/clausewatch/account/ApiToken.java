package dev.clausewatch.account;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** An organisation's API token as listed: never its secret, which is shown once when created and stored hashed. */
public record ApiToken(String id, String organisation, String name, Set<Scope> scopes, String createdBy, Instant createdAt, Optional<Instant> revokedAt) {
    public ApiToken {
        scopes = Set.copyOf(scopes);
    }

    /** What a token may do: read; also watch and give feedback; also manage channels. Tokens never manage tokens or members. */
    public enum Scope {
        READ(Set.of(Permission.READ)),
        WATCH(Set.of(Permission.READ, Permission.WATCH, Permission.FEEDBACK)),
        CHANNELS(Set.of(Permission.READ, Permission.MANAGE_CHANNELS));

        private final Set<Permission> permissions;

        Scope(Set<Permission> permissions) {
            this.permissions = permissions;
        }

        public Set<Permission> permissions() {
            return permissions;
        }

        public static Scope parse(String name) {
            for (Scope scope : values()) if (scope.name().equalsIgnoreCase(name.strip())) return scope;
            throw new IllegalArgumentException("\"" + name + "\" is not a token scope: use read, watch or channels");
        }
    }
}
