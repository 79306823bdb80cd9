package dev.clausewatch.ingest;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.archive.Observed;
import dev.clausewatch.archive.RecordOutcome;
import dev.clausewatch.capture.Snapshot;
import dev.clausewatch.registry.DeclaredService;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.registry.OtaDeclarations;
import dev.clausewatch.registry.Platform;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.registry.SourceDeclaration;
import dev.clausewatch.registry.SourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Imports files and folders, detecting each input's layout. Declarations are imported first (so
 * clipped pages can be matched to declared URLs), then histories, then clipped pages. An input
 * that breaks a rule is rejected whole and reported; the others are imported.
 */
public final class Importer {
    private static final String CLIP_EXTRACTOR = "clipped-markdown";

    private final Registry registry;
    private final Archive archive;

    public Importer(Registry registry, Archive archive) {
        this.registry = registry;
        this.archive = archive;
    }

    public ImportReport importPaths(List<Path> paths) {
        return importPaths(paths, (done, of) -> {});
    }

    /** Told after each file or folder read: how many of the whole import are done. */
    @FunctionalInterface
    public interface Steps {
        void done(int done, int of);
    }

    /** {@link #importPaths(List)}, telling {@code steps} as each declaration, history, dataset folder or clip is read. */
    public ImportReport importPaths(List<Path> paths, Steps steps) {
        Scan scan = new Scan();
        for (Path path : paths) scan.add(path);
        scan.counting(steps);

        List<RecordOutcome> outcomes = new ArrayList<>();
        int[] declarations = {0, 0};
        Map<Path, Platform> platforms = new HashMap<>();
        for (Path file : scan.serviceDeclarations) {
            scan.read(file, () -> {
                DeclaredService service = OtaDeclarations.readService(file);
                platforms.put(file.toAbsolutePath(), service.platform());
                declare(service.platform(), service.declarations(), file, declarations);
            });
        }
        for (Path file : scan.declarationHistories) {
            scan.read(file, () -> {
                Platform platform = platformOfHistory(file, platforms);
                declare(platform, OtaDeclarations.readHistory(file, platform), file, declarations);
            });
        }
        for (Path manifest : scan.manifests) {
            scan.read(manifest, () -> outcomes.add(archiveHistory(VersionHistoryReader.read(manifest))));
        }
        for (var folder : scan.datasetFolders.entrySet()) {
            scan.read(folder.getKey(), () -> outcomes.add(archiveHistory(DatasetReader.read(folder.getKey(), folder.getValue()))));
        }
        Map<String, DocumentId> declaredUrls = scan.clips.isEmpty() ? Map.of() : declaredUrls();
        for (Path clip : scan.clips) {
            scan.read(clip, () -> outcomes.add(archiveClip(ClippedPageReader.read(clip,
                    url -> Optional.ofNullable(declaredUrls.get(normalized(url)))))));
        }
        return new ImportReport(outcomes, declarations[0], declarations[1], scan.rejected, scan.ignored);
    }

    private void declare(Platform platform, List<SourceDeclaration> declarations, Path file, int[] counts) {
        registry.register(platform);
        for (SourceDeclaration declaration : declarations) {
            registry.register(new Document(declaration.document(), platform.name()));
            if (registry.declare(declaration, file.toString())) counts[0]++;
            else counts[1]++;
        }
    }

    private RecordOutcome archiveHistory(ImportUnit.History history) {
        registry.register(history.document());
        return archive.record(history.document().id(), history.observed());
    }

    private RecordOutcome archiveClip(ImportUnit.Clip clip) {
        registry.register(clip.document());
        DocumentId id = clip.document().id();
        Snapshot snapshot = archive.saveSnapshot(id, clip.raw(), "text/markdown", clip.capture());
        return archive.record(id, List.of(new Observed(clip.markdown(), clip.capture().fetchedAt(), false, CLIP_EXTRACTOR,
                List.of(snapshot.id()), clip.provenance())));
    }

    private Map<String, DocumentId> declaredUrls() {
        Map<String, DocumentId> urls = new HashMap<>();
        for (Document document : registry.documents()) {
            for (SourceDeclaration declaration : registry.declarations(document.id())) {
                for (SourceDocument source : declaration.sources()) urls.put(normalized(source.location()), document.id());
            }
        }
        return urls;
    }

    private static String normalized(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** A history file names no service: the service file beside it does, and must be valid. */
    private static Platform platformOfHistory(Path historyFile, Map<Path, Platform> readServices) {
        String name = historyFile.getFileName().toString();
        Path serviceFile = historyFile.resolveSibling(name.substring(0, name.length() - ".history.json".length()) + ".json");
        Platform known = readServices.get(serviceFile.toAbsolutePath());
        if (known != null) return known;
        if (!Files.exists(serviceFile)) {
            throw new InvalidInputException(historyFile, "", "a history file needs its service declaration beside it ("
                    + serviceFile.getFileName() + ")");
        }
        try {
            return OtaDeclarations.readService(serviceFile).platform();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(historyFile, "", "its service declaration " + serviceFile.getFileName()
                    + " was rejected, so the platform it belongs to is unknown");
        }
    }

    /** Sorts the given paths' files by layout; what cannot be imported is ignored in folders and rejected when named. */
    private static final class Scan {
        final List<Path> manifests = new ArrayList<>();
        final List<Path> serviceDeclarations = new ArrayList<>();
        final List<Path> declarationHistories = new ArrayList<>();
        final Map<Path, List<Path>> datasetFolders = new LinkedHashMap<>();
        final List<Path> clips = new ArrayList<>();
        final List<InvalidInputException> rejected = new ArrayList<>();
        final Set<Path> claimedFolders = new HashSet<>();
        final List<ImportReport.Ignored> ignored = new ArrayList<>();

        void add(Path path) {
            if (!Files.exists(path)) {
                rejected.add(new InvalidInputException(path, "", "does not exist"));
            } else if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
                // Manifests first: they claim the Markdown files beside them.
                files.stream().filter(f -> isManifest(f)).forEach(f -> classify(f, false));
                files.stream().filter(f -> !isManifest(f)).forEach(f -> classify(f, false));
            } else {
                classify(path, true);
            }
        }

        private static boolean isManifest(Path file) {
            return file.getFileName().toString().equals("manifest.json");
        }

        private void classify(Path file, boolean named) {
            String name = file.getFileName().toString();
            attempt(file, () -> {
                if (name.equals("manifest.json")) {
                    if (VersionHistoryReader.isVersionManifest(VersionHistoryReader.parse(file))) {
                        manifests.add(file);
                        claimedFolders.add(file.getParent());
                    } else {
                        notImportable(file, named, "is a manifest without \"versions\": not a version history");
                    }
                } else if (name.equals("index.json") && !named) {
                    ignored.add(new ImportReport.Ignored(file, "an index of version histories: each history is read from its own manifest"));
                } else if (name.endsWith(".history.json")) {
                    declarationHistories.add(file);
                } else if (name.endsWith(".json")) {
                    serviceDeclarations.add(file);
                } else if (claimedFolders.contains(file.getParent())) {
                    if (!name.endsWith(".md")) ignored.add(new ImportReport.Ignored(file, "beside a version manifest, which names the files it holds"));
                } else if (name.endsWith(".md") && DatasetReader.isDatasetFile(file)) {
                    datasetFolders.computeIfAbsent(file.getParent(), k -> new ArrayList<>()).add(file);
                } else if ((name.endsWith(".md") || name.endsWith(".txt")) && startsWithFrontMatter(file)) {
                    clips.add(file);
                } else {
                    notImportable(file, named, "is not an importable file: expected an OTA version manifest (manifest.json), "
                            + "an OTA declaration (<Service>.json), a dataset file (<Service>/<Terms type>/<date>.md) "
                            + "or Markdown with front matter naming its source" + (looksBinary(file) ? " (this one looks binary)" : ""));
                }
            });
        }

        private void notImportable(Path file, boolean named, String rule) {
            if (named) throw new InvalidInputException(file, "", rule);
            ignored.add(new ImportReport.Ignored(file, rule));
        }

        private Steps steps = (done, of) -> {};
        private int read;

        /** From now on, {@code steps} hears of each unit read (the scan has found them all). */
        void counting(Steps steps) {
            this.steps = steps;
        }

        /** Reads one unit of the import, as {@link #attempt}, and tells how far the import is. */
        void read(Path file, Runnable work) {
            attempt(file, work);
            steps.done(++read, serviceDeclarations.size() + declarationHistories.size() + manifests.size() + datasetFolders.size() + clips.size());
        }

        void attempt(Path file, Runnable work) {
            try {
                work.run();
            } catch (InvalidInputException e) {
                rejected.add(e);
            }
        }

        private static boolean startsWithFrontMatter(Path file) {
            String head = head(file);
            return head.startsWith("---") && ClippedPageReader.isClippedPage(head + "\n---\n");
        }

        private static boolean looksBinary(Path file) {
            return head(file).indexOf('\0') >= 0;
        }

        /** The first few kilobytes as text, enough to see front matter; never the whole of a huge file. */
        private static String head(Path file) {
            try (InputStream in = Files.newInputStream(file)) {
                String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                int end = head.indexOf("\n---", 3);
                return end < 0 ? head : head.substring(0, end + 1) + "---\n";
            } catch (IOException e) {
                throw new InvalidInputException(file, "", "cannot be read: " + e.getMessage());
            }
        }
    }
}
