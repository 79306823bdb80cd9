package dev.clausewatch.cli;

/** A request for something the archive does not have; the message is a sentence saying what and why. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String sentence) {
        super(sentence);
    }
}
