/**
 * Accounts: people sign up and sign in ({@link dev.clausewatch.account.Accounts}: Argon2id
 * passwords, sessions, rate-limited sign-in, single-use reset links), belong to organisations with
 * a role, are invited by e-mail, and organisations hold revocable, scoped API tokens ({@link
 * dev.clausewatch.account.Memberships}). Every read or change of an organisation's records goes
 * through an {@link dev.clausewatch.account.Access}, which refuses what the role or token does not
 * allow and hides organisations one is not part of.
 */
package dev.clausewatch.account;
