package dev.clausewatch;

import dev.clausewatch.account.Accounts;
import dev.clausewatch.account.Mailer;
import dev.clausewatch.account.Memberships;
import dev.clausewatch.account.OrganisationRecords;
import dev.clausewatch.alert.DeliveryConfig;
import dev.clausewatch.alert.Notifications;

import dev.clausewatch.analysis.Analyzer;
import dev.clausewatch.analysis.Peers;
import dev.clausewatch.analysis.SentenceEmbeddings;
import dev.clausewatch.analysis.TopicClassifier;
import dev.clausewatch.archive.Archive;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.archive.ArchiveVerifier;
import dev.clausewatch.archive.HeadSigner;
import dev.clausewatch.archive.Ledger;
import dev.clausewatch.storage.JdbiLedgerStore;
import dev.clausewatch.archive.BlobStore;
import dev.clausewatch.archive.FileBlobStore;
import dev.clausewatch.capture.BrowserFetcher;
import dev.clausewatch.change.ChangeDetector;
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
import dev.clausewatch.storage.DatabaseBlobStore;
import dev.clausewatch.storage.JdbiAccountStore;
import dev.clausewatch.storage.JdbiAlertStore;
import dev.clausewatch.storage.JdbiFigures;
import dev.clausewatch.storage.JdbiArchiveStore;
import dev.clausewatch.storage.JdbiEmbeddingCache;
import dev.clausewatch.storage.JdbiRegistry;
import dev.clausewatch.storage.JdbiSchedule;
import dev.clausewatch.storage.JdbiTrackingLog;
import dev.clausewatch.storage.StorageConfig;
import dev.clausewatch.tracking.Tracker;
import dev.clausewatch.tracking.TrackingLog;
import dev.clausewatch.tracking.TrackingLoop;
import dev.clausewatch.capture.Sha256;
import dev.clausewatch.derivation.Derivation;
import dev.clausewatch.derivation.DerivedRecords;
import dev.clausewatch.derivation.Derivers;
import dev.clausewatch.derivation.Processor;
import dev.clausewatch.storage.JdbiDerivedStore;
import dev.clausewatch.storage.JdbiOutbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.List;

/** The composition root: wires a workspace for a storage and capture configuration, and runs the command line. */
public final class Clausewatch {
    private static final int TRACKING_WORKERS = 4;

    private Clausewatch() {}

    /**
     * Lucene says on every start, through java.util.logging, that its SIMD vector path is off (it
     * needs an incubator module): true, and of no consequence while we search no vectors with it.
     * Kept in a field because java.util.logging holds loggers weakly and would forget the level.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION = java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    public static void main(String[] args) {
        logFormat(System.getenv("CLAUSEWATCH_LOG_FORMAT"));
        LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
        System.exit(ClausewatchCommand.run(Clausewatch::open, args));
    }

    /**
     * The log's format for logback.xml, set before the first logger starts it: "json" or "text" in
     * any case; anything else is said once and read as text, never a log that silently names no appender.
     */
    static void logFormat(String asked) {
        if (asked == null || asked.isBlank() || System.getProperty("clausewatch.log.format") != null) return;
        String format = asked.strip().toLowerCase(java.util.Locale.ROOT);
        if (!format.equals("json") && !format.equals("text")) {
            System.err.println("clausewatch: CLAUSEWATCH_LOG_FORMAT=" + asked + " is neither json nor text; the log is text");
            format = "text";
        }
        System.setProperty("clausewatch.log.format", format);
    }

    public static Workspace open(StorageConfig storage) {
        return open(storage, CaptureConfig.defaults());
    }

    public static Workspace open(StorageConfig storage, CaptureConfig capture) {
        return open(storage, capture, HostResolver.SYSTEM);
    }

    /**
     * Topics decided by the shipped topic model, the knowledge's cues as its evidence (a build without
     * one falls back to the cues plus the clause model), and peers found by the same embeddings
     * (persisted by text hash; the ONNX model loads on first use).
     */
    private static Analyzer analyzer(Knowledge knowledge, JdbiEmbeddingCache cache) {
        SentenceEmbeddings embeddings = new SentenceEmbeddings(cache);
        return new Analyzer(knowledge, TopicClassifier.shipped(knowledge, embeddings::embed).prefetchingWith(embeddings),
                new Peers(new TopicClassifier(knowledge), embeddings));
    }

    /** Opens (and migrates) the store the configuration names and builds everything on it. */
    public static Workspace open(StorageConfig storage, CaptureConfig capture, HostResolver resolver) {
        return open(storage, capture, resolver, DeliveryConfig.fromEnvironment(System.getenv()));
    }

    /** The same, with alerts leaving as {@code delivery} says (the SMTP server, this Clausewatch's address). */
    public static Workspace open(StorageConfig storage, CaptureConfig capture, HostResolver resolver, DeliveryConfig configured) {
        Clock clock = Clock.systemUTC();
        // --allow-loopback (tests, benchmarks) lets webhooks reach loopback receivers too.
        DeliveryConfig delivery = capture.allowLoopback() ? configured.withLoopbackAllowed() : configured;
        Knowledge knowledge = Knowledge.bundled(); // validated now: bad knowledge data stops start-up with its path and rule
        Database database = Database.open(storage);
        // On PostgreSQL the blobs live in the database too, so machines share one archive; files stay readable.
        FileBlobStore files = new FileBlobStore(storage.blobDir());
        BlobStore blobs = database.isPostgres() ? new DatabaseBlobStore(database, files) : files;
        JdbiArchiveStore store = new JdbiArchiveStore(database);
        Registry registry = new JdbiRegistry(database, clock);
        Archive archive = new Archive(store, blobs, clock);
        HttpFetcher http = new HttpFetcher(capture, resolver, clock);
        BrowserFetcher browser = new BrowserFetcher(capture, http, clock);
        TrackingLog log = new JdbiTrackingLog(database);
        Tracker tracker = new Tracker(registry, archive, new Extractor(), http, browser, log, clock);
        TrackingLoop loop = new TrackingLoop(registry, new JdbiSchedule(database), tracker, clock, TRACKING_WORKERS);
        Analyzer analyzer = analyzer(knowledge, new JdbiEmbeddingCache(database));
        JdbiDerivedStore derivedStore = new JdbiDerivedStore(database);
        Derivers derivers = derivers(knowledge);
        ChangeDetector detector = new ChangeDetector();
        Processor processor = new Processor(registry, archive, derivedStore, new Derivation(new Lineage(new ProvisionParser()), detector),
                analyzer, derivers, clock, workerName(), PROCESSING_LEASE);
        DerivedRecords records = new DerivedRecords(archive, derivedStore, derivers, detector);
        JdbiOutbox outbox = new JdbiOutbox(database);
        JdbiAlertStore alerts = new JdbiAlertStore(database);
        Analyzer reading = analyzer.withStoredTopics(records::topics);
        Notifications notifications = new Notifications(outbox, alerts, records, registry, reading, delivery, clock, workerName());
        JdbiAccountStore people = new JdbiAccountStore(database);
        Mailer mailer = notifications::mail;
        Accounts accounts = new Accounts(people, mailer, delivery.baseUrl(), clock);
        Memberships memberships = new Memberships(people, notifications.organisations(), mailer, delivery.baseUrl(), clock);
        OrganisationRecords organisationRecords = new OrganisationRecords(alerts, notifications.organisations(), notifications.digests(), people, clock);
        Ledger ledger = new Ledger(new JdbiLedgerStore(database), HeadSigner.at(storage.ledgerKey()), clock);
        return new Workspace(database.description(), storage.dataDir(), registry, archive, new Importer(registry, archive),
                new ArchiveVerifier(store, blobs, Optional.of(ledger)), ledger, tracker, loop, log, processor, records, outbox,
                reading, knowledge, alerts, notifications, accounts, memberships, organisationRecords, new JdbiFigures(database), () -> {
                    browser.close();
                    http.close();
                    sealQuietly(ledger);
                    database.close();
                });
    }

    /** What this process archived is logged and signed when it stops; a failure here is reported, the next start seals it. */
    private static void sealQuietly(Ledger ledger) {
        try {
            ledger.seal();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Clausewatch.class).warn("could not seal the archive's log: {}", e.toString());
        }
    }

    /** How long a processor holds a document before another may take it over (a worker that died). */
    private static final Duration PROCESSING_LEASE = Duration.ofMinutes(5);

    /** This process, as the processor's claims name it: host, process id and a random part. */
    private static String workerName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * What the derived rows are made by: the structure derivers' version, and for topics the
     * shipped clause model's and the knowledge data's hashes (a new model or fact sheet re-derives
     * topics as a technical upgrade).
     */
    private static Derivers derivers(Knowledge knowledge) {
        StringBuilder topics = new StringBuilder();
        for (String resource : List.of("/analysis/clause-model.json", "/analysis/topic-model.json.gz", "/knowledge/topics.yaml", "/knowledge/regulations.yaml")) {
            try (InputStream in = Clausewatch.class.getResourceAsStream(resource)) {
                topics.append(in == null ? "none" : Sha256.of(in.readAllBytes()).substring(0, 10)).append('.');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + " to name the topic deriver", e);
            }
        }
        return new Derivers(Derivers.STRUCTURE, "topics-" + TopicClassifier.RULES + "." + topics + knowledge.topicsAsOf());
    }
}
