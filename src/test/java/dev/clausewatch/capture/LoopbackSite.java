package dev.clausewatch.capture;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A real HTTP server on 127.0.0.1 (port chosen by the system) for capture tests: pages are added
 * per path, with any status and headers, and every request is recorded (path and headers) so
 * tests can check what the client sent.
 */
public final class LoopbackSite implements AutoCloseable {
    /** What a path answers: a handler that may look at the request. */
    public interface Page {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** One request the site received. */
    public record Received(String path, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(h -> h.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public LoopbackSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders())));
            Page page = pages.get(exchange.getRequestURI().getPath());
            try {
                if (page == null) send(exchange, 404, "text/plain", "no such page".getBytes(StandardCharsets.UTF_8), h -> {});
                else page.answer(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public LoopbackSite page(String path, Page page) {
        pages.put(path, page);
        return this;
    }

    public LoopbackSite html(String path, String html) {
        return page(path, ex -> send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), h -> {}));
    }

    public LoopbackSite bytes(String path, String mediaType, byte[] body) {
        return page(path, ex -> send(ex, 200, mediaType, body, h -> {}));
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public static void send(HttpExchange exchange, int status, String mediaType, byte[] body, Consumer<com.sun.net.httpserver.Headers> headers)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", mediaType);
        headers.accept(exchange.getResponseHeaders());
        boolean noBody = status == 304 || status == 204 || body.length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Name resolution for tests: 127.0.0.1 and localhost are loopback, the names given resolve to
     * the addresses given, and any other name fails. Nothing is ever looked up for real.
     */
    public static HostResolver resolver(Map<String, List<String>> names) {
        return host -> {
            if (host.equals("127.0.0.1") || host.equals("localhost")) return new InetAddress[] {InetAddress.getLoopbackAddress()};
            List<String> addresses = names.get(host);
            if (addresses == null) throw new UnknownHostException(host + " (test resolver knows no such name)");
            InetAddress[] result = new InetAddress[addresses.size()];
            for (int i = 0; i < result.length; i++) result[i] = InetAddress.getByName(addresses.get(i)); // literals: no lookup
            return result;
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
