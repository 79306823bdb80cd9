package dev.clausewatch.account;

/** What an organisation's member or token may do with its records. */
public enum Permission {
    /** See the watchlist, alerts, deliveries, digests and settings. */
    READ,
    /** Add and remove watches. */
    WATCH,
    /** Say whether an alert was relevant. */
    FEEDBACK,
    /** Add, remove and test channels; the digest's day and hour; the private feed. */
    MANAGE_CHANNELS,
    /** Create and revoke API tokens. */
    MANAGE_TOKENS,
    /** Invite people, change roles, remove members. */
    MANAGE_MEMBERS
}
