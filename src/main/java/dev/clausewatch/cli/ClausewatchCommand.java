package dev.clausewatch.cli;

import dev.clausewatch.extract.ExtractionException;
import dev.clausewatch.registry.InvalidInputException;
import dev.clausewatch.storage.StorageConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import dev.clausewatch.capture.CaptureConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code clausewatch} command: store options shared by every subcommand, and error reporting. */
@Command(name = "clausewatch", mixinStandardHelpOptions = true, versionProvider = ClausewatchCommand.BuildVersion.class,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:verify found damage (or a benchmark's check failed)", "2:bad input or an unknown request; the message names the file, field and rule, or the document and date",
                "3:it could not be done (a store, a network or a derivation failed; the message or the log says which)"},
        description = "Watches what platforms' governance documents say and how they change.",
        subcommands = {ImportCommand.class, PlatformsCommand.class, DocumentsCommand.class, HistoryCommand.class,
                ShowCommand.class, VerifyCommand.class, HeadCommand.class, TypesCommand.class, DemoCommand.class, ExtractCommand.class,
                TrackingCommands.Capture.class, TrackingCommands.Track.class, TrackingCommands.Status.class, TrackingCommands.Reextract.class,
                ProvisionCommands.Provisions.class, ProvisionCommands.Diff.class, ProvisionCommands.ReferencesCommand.class,
                AnalysisCommands.Analyze.class, AnalysisCommands.Compare.class, AnalysisCommands.Topics.class, AnalysisCommands.Regulations.class, ClauseCommands.Train.class, ServeCommand.class, ProcessCommand.class, ExportCommand.class, ReportCommand.class,
                BackupCommands.Backup.class, BackupCommands.Restore.class, CheckCommand.class, ContradictionsCommand.class, DiscoverCommand.class,
                AdministrationCommands.Users.class, AdministrationCommands.Orgs.class,
                CommandLine.HelpCommand.class})
public final class ClausewatchCommand implements Runnable {
    /** Exit status when the input or the request is wrong (bad file, unknown document, no version then). */
    static final int INVALID = 2;
    /** Exit status when verification found a problem. */
    static final int DAMAGED = 1;
    /** Exit status when the work could not be done for a reason other than the input (a store, the network, a derivation). */
    static final int FAILED = 3;

    /** The version the build wrote into {@code build.properties}, with the Java it runs on. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties build = new java.util.Properties();
            try (var in = ClausewatchCommand.class.getResourceAsStream("/dev/clausewatch/build.properties")) {
                if (in != null) build.load(in);
            }
            return new String[] {"clausewatch " + build.getProperty("version", "(unknown build)"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where blobs and the embedded database live (default: $CLAUSEWATCH_DATA_DIR or ~/.local/share/clausewatch).")
    Path dataDir;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The configuration file (default: clausewatch.yaml in the data directory, when there is one).")
    Path config;

    @Option(names = "--db-url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            description = "PostgreSQL instead of the embedded store, e.g. jdbc:postgresql://127.0.0.1:5432/clausewatch?user=postgres (default: $CLAUSEWATCH_DB_URL).")
    String databaseUrl;

    @Option(names = "--allow-loopback", scope = ScopeType.INHERIT,
            description = "Let captures reach 127.0.0.1/::1 (for testing against a local server; off by default).")
    boolean allowLoopback;

    @Option(names = "--chromium", scope = ScopeType.INHERIT, paramLabel = "PATH",
            description = "The Chromium executable for script-rendered pages (default: $CLAUSEWATCH_CHROMIUM or /usr/bin/chromium).")
    Path chromium;

    final BiFunction<StorageConfig, CaptureConfig, Workspace> opener;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ClausewatchCommand(BiFunction<StorageConfig, CaptureConfig, Workspace> opener) {
        this.opener = opener;
    }

    /** Runs the command line and returns its exit status. */
    public static int run(BiFunction<StorageConfig, CaptureConfig, Workspace> opener, String... args) {
        return commandLine(opener, new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
    }

    public static CommandLine commandLine(BiFunction<StorageConfig, CaptureConfig, Workspace> opener, PrintWriter out, PrintWriter err) {
        ClausewatchCommand root = new ClausewatchCommand(opener);
        CommandLine line = new CommandLine(root);
        addTools(line);
        line.setOut(out);
        line.setErr(err);
        // The file is read once the whole command line is (so --data-dir and --config are known wherever
        // they stand), fills what the arguments left unset, and when broken stops every command but help.
        line.setExecutionStrategy(parsed -> {
            if (CommandLine.printHelpIfRequested(parsed)) return 0;
            try {
                root.checkConfigFile();
                root.typedDatabaseUrl = root.databaseUrl; // before the file fills it: the demo must never write into the user's own store
                root.configFile().ifPresent(file -> file.apply(parsed));
            } catch (InvalidInputException e) {
                err.println("clausewatch: " + e.getMessage());
                err.flush();
                return INVALID;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("clausewatch: " + e.getMessage());
            return e instanceof InvalidInputException || e instanceof IllegalArgumentException || e instanceof dev.clausewatch.account.Refused
                    || e instanceof NotFoundException || e instanceof ExtractionException ? INVALID : FAILED;
        });
        return line;
    }

    /** The benchmarks and evaluations: in their own jar, which the launcher adds beside the product's; absent, the commands are too. */
    private static final List<String> TOOLS = List.of("dev.clausewatch.cli.BenchCommand", "dev.clausewatch.cli.EvaluateCommand");

    private static void addTools(CommandLine line) {
        for (String tool : TOOLS) {
            try {
                line.addSubcommand(Class.forName(tool));
            } catch (ClassNotFoundException e) {
                // a product-only installation: no bench, no evaluate
            } catch (LinkageError e) {
                // a tools jar from another build: the product still runs
                System.err.println("clausewatch: " + tool + " is left out: its jar does not match this build (" + e + ")");
            }
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --db-url typed on this command line, if any (not the environment's or the file's). */
    String typedDatabaseUrl;
    private Optional<ConfigFile> configFile;
    private InvalidInputException configProblem;

    /** The configuration file, read once; none while it has a problem (which {@link #checkConfigFile} reports). */
    Optional<ConfigFile> configFile() {
        if (configFile == null && configProblem == null) {
            try {
                configFile = ConfigFile.of(Optional.ofNullable(config), dataDir != null ? dataDir : defaultDataDir(), System.getenv(), spec);
            } catch (InvalidInputException e) {
                configProblem = e;
            }
        }
        return configFile == null ? Optional.empty() : configFile;
    }

    /** Throws the configuration file's problem, if it has one. */
    void checkConfigFile() {
        configFile();
        if (configProblem != null) throw configProblem;
    }

    StorageConfig storageConfig() {
        Path dir = dataDir != null ? dataDir : defaultDataDir();
        String url = databaseUrl != null ? databaseUrl : System.getenv("CLAUSEWATCH_DB_URL");
        return new StorageConfig(dir, Optional.ofNullable(url));
    }

    Workspace open() {
        return opener.apply(storageConfig(), captureConfig());
    }

    /** A workspace on another store than the configured one (the demo's own). */
    Workspace open(StorageConfig storage) {
        return opener.apply(storage, captureConfig());
    }

    CaptureConfig captureConfig() {
        CaptureConfig defaults = CaptureConfig.defaults();
        String configuredChromium = System.getenv("CLAUSEWATCH_CHROMIUM");
        Path browser = chromium != null ? chromium : configuredChromium != null ? Path.of(configuredChromium) : defaults.chromiumPath();
        CaptureConfig config = defaults.withChromium(browser);
        return allowLoopback ? config.withLoopbackAllowed() : config;
    }

    static Path defaultDataDir() {
        String configured = System.getenv("CLAUSEWATCH_DATA_DIR");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("clausewatch");
    }
}
