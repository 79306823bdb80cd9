package dev.clausewatch.ingest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clausewatch.archive.Provenance;
import dev.clausewatch.capture.AddressPolicy;
import dev.clausewatch.capture.CaptureMetadata;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.InvalidInputException.Problem;
import dev.clausewatch.registry.KnownPlatforms;
import dev.clausewatch.registry.Platform;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a page clipped to Markdown by a browser extension: YAML front matter ({@code source},
 * {@code created}, optionally {@code title}) then the page's Markdown. The platform comes from the
 * source URL (a registered declaration for that URL first, then the hosts Clausewatch knows), the
 * document type from the title's words.
 */
final class ClippedPageReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** No terms of service predate the web's first ones; a capture cannot come from the future (a day of clock skew aside). */
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\r?\\n(.*?)\\r?\\n---\\r?\\n", Pattern.DOTALL);
    /** Obsidian Web Clipper's form: {@code 2024-09-17T11:39:46 (UTC +10:00)}. */
    private static final Pattern CLIPPER_DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\s*\\(UTC\\s*([+-]\\d{1,2}:\\d{2})\\)");
    private static final Pattern FIRST_HEADING = Pattern.compile("(?m)^#\\h+(\\S.*)$");

    private ClippedPageReader() {}

    /** True when the text starts with front matter that names a {@code source}. */
    static boolean isClippedPage(String text) {
        Matcher m = FRONT_MATTER.matcher(text);
        return m.find() && m.group(1).lines().anyMatch(line -> line.startsWith("source:"));
    }

    static ImportUnit.Clip read(Path file, Function<URI, Optional<DocumentId>> declaredDocument) {
        byte[] raw = TextInput.bytes(file);
        String text = TextInput.text(file, raw);
        Matcher m = FRONT_MATTER.matcher(text);
        if (!m.find()) throw new InvalidInputException(file, "", "has no YAML front matter between --- lines");
        JsonNode front;
        try {
            front = YAML.readTree(m.group(1));
        } catch (JacksonException e) {
            throw new InvalidInputException(file, "front matter", "is not valid YAML: " + e.getOriginalMessage());
        }
        String body = text.substring(m.end());
        List<Problem> problems = new ArrayList<>();
        URI source = source(front, problems);
        Instant created = plausible(created(front, problems), front.path("created").asText(""), problems);
        if (body.isBlank()) problems.add(new Problem("body", "is empty: a clipped page needs the page's text after the front matter"));
        if (!problems.isEmpty()) throw new InvalidInputException(file, problems);

        String title = title(front, body);
        DocumentId id = declaredDocument.apply(source).orElseGet(() -> inferDocument(file, source, title));
        String platformName = KnownPlatforms.byId(id.platform()).map(Platform::name).orElse(id.platform().value());
        Provenance provenance = new Provenance("clipped", Sha256.of(raw), Map.of(
                "file", file.getFileName().toString(), "source", source.toString(), "title", title));
        return new ImportUnit.Clip(file, new Document(id, platformName), raw,
                new CaptureMetadata(source, source, 0, Map.of(), created), body.getBytes(StandardCharsets.UTF_8), provenance);
    }

    private static DocumentId inferDocument(Path file, URI source, String title) {
        Platform platform = KnownPlatforms.byUrl(source).or(() -> KnownPlatforms.byTitle(title))
                .orElseThrow(() -> new InvalidInputException(file, "source", "no known platform publishes on "
                        + source.getHost() + "; import the platform's declarations first, or add it to known-platforms.tsv"));
        DocumentType type = KnownPlatforms.documentTypeIn(title)
                .or(() -> KnownPlatforms.documentTypeIn(source.getPath().replace('/', ' ')))
                .orElseThrow(() -> new InvalidInputException(file, "title", "\"" + title
                        + "\" names no document type of the vocabulary (e.g. Acceptable Use Policy, Responsible AI Policy)"));
        return new DocumentId(platform.id(), type);
    }

    private static URI source(JsonNode front, List<Problem> problems) {
        String text = front.path("source").asText("").strip();
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                Optional<String> notPublic = notPublic(uri.getHost());
                if (notPublic.isEmpty()) return uri;
                problems.add(new Problem("source", "\"" + text + "\" is not a public address: " + notPublic.get()));
                return null;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        problems.add(new Problem("source", "\"" + text + "\" must be the http(s) URL the page was clipped from"));
        return null;
    }

    /**
     * Why a clipped page's host is no public web site, if it is not: an address the capture policy
     * refuses, or a name only a local network resolves. Decided without any lookup.
     */
    private static Optional<String> notPublic(String host) {
        String name = host.toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("[") || name.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            try {
                return new AddressPolicy(false).refusal(java.net.InetAddress.getByName(name.replaceAll("^\\[|]$", "")));
            } catch (java.net.UnknownHostException e) {
                return Optional.of(host + " is not an address");
            }
        }
        boolean local = !name.contains(".") || name.equals("localhost") || name.endsWith(".localhost") || name.endsWith(".local")
                || name.endsWith(".internal") || name.endsWith(".home.arpa") || name.endsWith(".lan");
        return local ? Optional.of(host + " is a local network name") : Optional.empty();
    }

    private static Instant plausible(Instant created, String text, List<Problem> problems) {
        if (created == null) return null;
        if (created.isBefore(EARLIEST) || created.isAfter(Instant.now().plus(java.time.Duration.ofDays(1)))) {
            problems.add(new Problem("created", "\"" + text.strip() + "\" is not a plausible capture date (between 1990 and today)"));
            return null;
        }
        return created;
    }

    private static Instant created(JsonNode front, List<Problem> problems) {
        String text = front.path("created").asText("").strip();
        Matcher clipper = CLIPPER_DATE.matcher(text);
        if (clipper.matches()) {
            String offset = clipper.group(2);
            if (offset.length() == 5) offset = offset.charAt(0) + "0" + offset.substring(1); // +9:30 → +09:30
            try {
                return LocalDateTime.parse(clipper.group(1)).toInstant(ZoneOffset.of(offset));
            } catch (java.time.DateTimeException e) {
                problems.add(new Problem("created", "\"" + text + "\" has an impossible date or offset: " + e.getMessage()));
                return null;
            }
        }
        if (text.isEmpty()) {
            problems.add(new Problem("created", "is missing: the capture date is needed to place the version in time"));
            return null;
        }
        return VersionHistoryReader.instant(text, "created", problems);
    }

    private static String title(JsonNode front, String body) {
        String title = front.path("title").asText("").strip();
        if (!title.isEmpty()) return title;
        Matcher heading = FIRST_HEADING.matcher(body);
        return heading.find() ? withoutClosingHashes(heading.group(1)) : "";
    }

    /**
     * The title without a closing run of hashes ("# Terms #" → "Terms"), which CommonMark only reads
     * as one after a space: "C#" keeps its hash.
     */
    private static String withoutClosingHashes(String title) {
        String text = title.stripTrailing();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '#') end--;
        boolean closing = end < text.length() && (end == 0 || Character.isWhitespace(text.charAt(end - 1)));
        return closing ? text.substring(0, end).stripTrailing() : text;
    }
}
