package dev.clausewatch.account;

/** Sends the account's own e-mails (reset links, invitations): plain text, to one person. */
@FunctionalInterface
public interface Mailer {
    void send(String to, String subject, String text);
}
