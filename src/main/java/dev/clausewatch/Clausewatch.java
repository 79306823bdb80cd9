package dev.clausewatch;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.ClauseModel;
import dev.clausewatch.analysis.Peers;
import dev.clausewatch.analysis.SentenceEmbeddings;
import dev.clausewatch.analysis.TopicClassifier;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.archive.ArchiveVerifier;
import dev.clausewatch.archive.FileBlobStore;
import dev.clausewatch.capture.BrowserFetcher;
import dev.clausewatch.change.ChangeDetector;
import dev.clausewatch.change.DocumentChanges;
import dev.clausewatch.provision.Lineage;
import dev.clausewatch.provision.ProvisionParser;
import dev.clausewatch.capture.CaptureConfig;
import dev.clausewatch.capture.HostResolver;
import dev.clausewatch.capture.HttpFetcher;
import dev.clausewatch.cli.ClausewatchCommand;
import dev.clausewatch.cli.Workspace;
import dev.clausewatch.extract.Extractor;
import dev.clausewatch.ingest.Importer;
import dev.clausewatch.registry.Registry;
import dev.clausewatch.storage.Database;
import dev.clausewatch.storage.JdbiArchiveStore;
import dev.clausewatch.storage.JdbiEmbeddingCache;
import dev.clausewatch.storage.JdbiRegistry;
import dev.clausewatch.storage.JdbiSchedule;
import dev.clausewatch.storage.JdbiTrackingLog;
import dev.clausewatch.storage.StorageConfig;
import dev.clausewatch.tracking.Tracker;
import dev.clausewatch.tracking.TrackingLog;
import dev.clausewatch.tracking.TrackingLoop;
import java.time.Clock;

/** The composition root: wires a workspace for a storage and capture configuration, and runs the command line. */
public final class Clausewatch {
    private static final int TRACKING_WORKERS = 4;

    private Clausewatch() {}

    public static void main(String[] args) {
        System.exit(ClausewatchCommand.run(Clausewatch::open, args));
    }

    public static Workspace open(StorageConfig storage) {
        return open(storage, CaptureConfig.defaults());
    }

    public static Workspace open(StorageConfig storage, CaptureConfig capture) {
        return open(storage, capture, HostResolver.SYSTEM);
    }

    /**
     * Topic classification from the knowledge cues plus the shipped clause model, and peers found by
     * the same embeddings (persisted by text hash; the ONNX model loads on first use).
     */
    private static Analyzer analyzer(Knowledge knowledge, JdbiEmbeddingCache cache) {
        SentenceEmbeddings embeddings = new SentenceEmbeddings(cache);
        return new Analyzer(knowledge, new TopicClassifier(knowledge, ClauseModel.bundled(), embeddings::embed),
                new Peers(new TopicClassifier(knowledge), embeddings));
    }

    /** Opens (and migrates) the store the configuration names and builds everything on it. */
    public static Workspace open(StorageConfig storage, CaptureConfig capture, HostResolver resolver) {
        Clock clock = Clock.systemUTC();
        Knowledge knowledge = Knowledge.bundled(); // validated now: bad knowledge data stops start-up with its path and rule
        Database database = Database.open(storage);
        FileBlobStore blobs = new FileBlobStore(storage.blobDir());
        JdbiArchiveStore store = new JdbiArchiveStore(database);
        Registry registry = new JdbiRegistry(database, clock);
        Archive archive = new Archive(store, blobs, clock);
        HttpFetcher http = new HttpFetcher(capture, resolver, clock);
        BrowserFetcher browser = new BrowserFetcher(capture, http, clock);
        TrackingLog log = new JdbiTrackingLog(database);
        Tracker tracker = new Tracker(registry, archive, new Extractor(), http, browser, log, clock);
        TrackingLoop loop = new TrackingLoop(registry, new JdbiSchedule(database), tracker, clock, TRACKING_WORKERS);
        return new Workspace(database.description(), registry, archive, new Importer(registry, archive),
                new ArchiveVerifier(store, blobs), tracker, loop, log,
                new DocumentChanges(archive, new Lineage(new ProvisionParser()), new ChangeDetector()),
                analyzer(knowledge, new JdbiEmbeddingCache(database)), knowledge, () -> {
                    browser.close();
                    http.close();
                    database.close();
                });
    }
}
