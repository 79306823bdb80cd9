package dev.clausewatch.cli;

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
            var app = new WebServer(workspace.registry(), workspace.archive(), workspace.changes(), workspace.analyzer()).start(host, port);
            spec.commandLine().getOut().printf("Clausewatch API on http://%s:%d/api/v1/platforms (%s); Ctrl-C stops it%n", host, app.port(),
                    workspace.storeDescription());
            spec.commandLine().getOut().flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.stop();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }
}
