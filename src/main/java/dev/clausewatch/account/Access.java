package dev.clausewatch.account;

import java.util.Set;

/**
 * Who acts on an organisation's records, and what they may do there: a member by their role, or an
 * API token by its scopes. Obtained only from {@link Memberships#access}, which refuses anyone not
 * part of the organisation as if it did not exist.
 */
public record Access(String organisation, String actor, Set<Permission> permissions, java.util.Optional<Role> role) {
    public Access {
        permissions = Set.copyOf(permissions);
    }

    /** Refuses (403) what this access does not allow, naming what it would take. */
    public Access require(Permission permission) {
        if (!permissions.contains(permission)) {
            throw new Refused(Refused.Kind.FORBIDDEN, actor + " may not " + permission.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " in " + organisation + role.map(r -> " as " + r.label()).orElse(" with this token's scopes"));
        }
        return this;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }
}
