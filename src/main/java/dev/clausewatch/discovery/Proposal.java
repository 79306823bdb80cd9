package dev.clausewatch.discovery;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A page that looks like a governance document of {@code platform} and is not declared: its
 * address, the words of the links to it, the document type those words suggest, and the pages it
 * was found on.
 */
public record Proposal(String platform, URI url, List<String> linkTexts, Optional<String> suggestedType, List<String> foundOn) {
    public Proposal {
        linkTexts = List.copyOf(linkTexts);
        foundOn = List.copyOf(foundOn);
    }
}
