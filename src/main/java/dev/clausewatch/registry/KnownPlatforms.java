package dev.clausewatch.registry;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Platforms Clausewatch recognises by host or by name without any declaration (see
 * {@code known-platforms.tsv}), for inputs that carry only a URL and a title, such as pages
 * clipped from a browser.
 */
public final class KnownPlatforms {
    private record Entry(Platform platform, List<String> names, List<String> hosts) {}

    private static final List<Entry> ENTRIES = load();

    private KnownPlatforms() {}

    /** The platform that publishes on this URL's host (subdomains included), if known. */
    public static Optional<Platform> byUrl(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        Entry best = null;
        int bestLength = -1;
        for (Entry entry : ENTRIES) {
            for (String known : entry.hosts) {
                boolean matches = host.equals(known) || host.endsWith("." + known);
                if (matches && known.length() > bestLength) {
                    best = entry;
                    bestLength = known.length();
                }
            }
        }
        return Optional.ofNullable(best).map(Entry::platform);
    }

    /** The platform whose name or alias starts this title ("AWS Responsible AI Policy" → AWS), if known. */
    public static Optional<Platform> byTitle(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        return ENTRIES.stream()
                .filter(e -> e.names.stream().anyMatch(n -> lower.startsWith(n + " ") || lower.equals(n)))
                .map(Entry::platform).findFirst();
    }

    public static Optional<Platform> byId(PlatformId id) {
        return ENTRIES.stream().map(Entry::platform).filter(p -> p.id().equals(id)).findFirst();
    }

    /** The document type named inside a title, longest name first ("AWS Responsible AI Policy" → Responsible AI Policy). */
    public static Optional<DocumentType> documentTypeIn(String title) {
        String lower = " " + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        for (var entry : DocumentType.namesLongestFirst()) {
            String key = " " + entry.getKey().replaceAll("[^a-z0-9]+", " ") + " ";
            if (lower.contains(key)) return Optional.of(new DocumentType(entry.getValue()));
        }
        return Optional.empty();
    }

    private static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        try (var in = KnownPlatforms.class.getResourceAsStream("known-platforms.tsv");
             var rows = DocumentType.TSV.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (var row : rows) {
                Platform platform = new Platform(new PlatformId(row.get(0)), row.get(1));
                List<String> names = new ArrayList<>(List.of(row.get(1).toLowerCase(Locale.ROOT)));
                names.addAll(split(row.get(2)));
                entries.add(new Entry(platform, names, split(row.get(3))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the known platforms", e);
        }
        return List.copyOf(entries);
    }

    private static List<String> split(String cell) {
        List<String> values = new ArrayList<>();
        for (String value : cell.split(",")) {
            if (!value.isBlank()) values.add(value.strip().toLowerCase(Locale.ROOT));
        }
        return values;
    }
}
