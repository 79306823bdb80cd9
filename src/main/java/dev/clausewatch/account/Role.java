package dev.clausewatch.account;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A member's role in an organisation. Viewers read; analysts also watch and give feedback; admins
 * also manage channels, tokens and members; owners also make owners and admins.
 */
public enum Role {
    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.allOf(Permission.class)),
    ANALYST(EnumSet.of(Permission.READ, Permission.WATCH, Permission.FEEDBACK)),
    VIEWER(EnumSet.of(Permission.READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Whether a member with this role may give {@code other} to someone, or change someone who has it. */
    public boolean mayAssign(Role other) {
        return this == OWNER || (this == ADMIN && (other == ANALYST || other == VIEWER));
    }

    public static Role parse(String name) {
        for (Role role : values()) if (role.name().equalsIgnoreCase(name.strip())) return role;
        throw new IllegalArgumentException("\"" + name + "\" is not a role: use owner, admin, analyst or viewer");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
