package dev.clausewatch.cli;

import dev.clausewatch.search.ArchiveSearch;
import dev.clausewatch.search.ProvisionIndex;
import dev.clausewatch.web.WebServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", description = "Serves the web pages and the JSON API under /api/v1 until interrupted.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand ClausewatchCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1") String host;

    @Option(names = "--port", defaultValue = "8080") int port;

    @Override
    public Integer call() throws InterruptedException {
        try (Workspace workspace = root.open()) {
            serve(spec.commandLine().getOut(), workspace, host, port);
            return 0;
        }
    }

    /** Serves until the process is interrupted (Ctrl-C). */
    static void serve(java.io.PrintWriter out, Workspace workspace, String host, int port) throws InterruptedException {
        // This node's search index lives on disk and is brought up to the derived records as events arrive.
        var search = new ArchiveSearch(workspace.registry(), workspace.records(), workspace.analyzer(),
                ProvisionIndex.onDisk(workspace.dataDir().resolve("search-index")));
        var app = new WebServer(workspace.registry(), workspace.archive(), workspace.records(), workspace.analyzer(), search)
                .withAccounts(workspace.accounts(), workspace.memberships(), workspace.organisationRecords())
                .withLedger(workspace.ledger())
                .withTracking(workspace.trackingLog())
                .withMonitoring(new dev.clausewatch.monitoring.Monitoring(workspace.figures(), workspace.records(), java.time.Clock.systemUTC()))
                .start(host, port);
        Following following = Following.start(workspace, java.util.Optional.of(search));
        out.printf("%nClausewatch is at http://%s:%d/ (API under /api/v1; %s). Ctrl-C stops it.%n", host.equals("127.0.0.1") ? "localhost" : host,
                app.port(), workspace.storeDescription());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            following.close();
            search.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
