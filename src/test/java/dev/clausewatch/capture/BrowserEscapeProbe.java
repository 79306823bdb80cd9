package dev.clausewatch.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs inside a network namespace without routes ({@link BrowserEscapeTest} starts it under
 * {@code unshare -n}), where 169.254.169.254 and 10.9.8.7 are addresses of the namespace's own
 * loopback device: anything the browser sends there is caught by a listener here, and nothing can
 * leave the namespace. A page server on 127.0.0.1 (allowed, as tests allow loopback) serves hostile
 * pages that try every way out; each is captured with the {@link BrowserFetcher}, and the probe
 * prints one line per page ("page outcome") and one per connection a forbidden listener accepted
 * ("escape address request-line").
 */
public final class BrowserEscapeProbe {
    static final String METADATA = "169.254.169.254";
    static final String PRIVATE = "10.9.8.7";
    static final String SECRET = "SECRET-FROM-A-FORBIDDEN-ADDRESS";

    private static final List<String> escapes = new CopyOnWriteArrayList<>();

    public static void main(String[] args) throws Exception {
        Path chromium = Path.of(args[0]);
        List<ServerSocket> forbidden = new ArrayList<>();
        for (String address : List.of(METADATA, PRIVATE)) {
            for (int port : List.of(80, 443)) forbidden.add(listen(address, port));
        }
        try (LoopbackSite site = new LoopbackSite()) {
            Map<String, String> pages = hostilePages(site);
            pages.forEach(site::html);
            site.page("/redirect", exchange -> {
                exchange.getResponseHeaders().add("Location", "http://" + METADATA + "/latest/meta-data/");
                exchange.sendResponseHeaders(302, -1);
            });
            site.page("/redirect-chain", exchange -> {
                exchange.getResponseHeaders().add("Location", site.url("/redirect").toString());
                exchange.sendResponseHeaders(301, -1);
            });
            site.bytes("/sw.js", "text/javascript", ("self.addEventListener('fetch', e => e.respondWith(fetch('http://" + PRIVATE + "/sw')));")
                    .getBytes(StandardCharsets.UTF_8));
            CaptureConfig config = CaptureConfig.defaults().withLoopbackAllowed().withChromium(chromium)
                    .withBrowserTimeout(Duration.ofSeconds(15)).withPoliteness(Duration.ZERO, Duration.ZERO);
            try (HttpFetcher http = new HttpFetcher(config, HostResolver.SYSTEM, Clock.systemUTC());
                 BrowserFetcher browser = new BrowserFetcher(config, http, Clock.systemUTC())) {
                List<String> paths = new ArrayList<>(pages.keySet());
                paths.add("/redirect");
                paths.add("/redirect-chain");
                for (String path : paths) System.out.println("page " + path + " " + outcome(browser, site.url(path)));
            }
            Thread.sleep(1_500); // connections the pages' scripts start late still reach the listeners
        } finally {
            for (ServerSocket s : forbidden) s.close();
        }
        escapes.forEach(e -> System.out.println("escape " + e));
        System.out.println("done");
        System.out.flush();
        System.exit(0); // the page server's threads would keep the JVM alive
    }

    private static String outcome(BrowserFetcher browser, URI url) {
        try {
            FetchResult result = browser.fetch(url, List.of(), null);
            String html = new String(result.body(), StandardCharsets.UTF_8);
            return (html.contains(SECRET) ? "archived-secret" : "captured") + " final=" + result.metadata().finalUrl();
        } catch (CaptureFailure failure) {
            return "refused " + failure.kind() + " " + String.join(" ", failure.getMessage().lines().limit(6).toList()) + (failure.getCause() == null ? "" : " / " + String.join(" ", String.valueOf(failure.getCause().getMessage()).lines().limit(8).toList()));
        }
    }

    /** Each way a page can make a browser open a connection, aimed at the forbidden addresses. */
    private static Map<String, String> hostilePages(LoopbackSite site) {
        String p = "http://" + PRIVATE;
        return new java.util.LinkedHashMap<>(Map.of(
                "/meta-refresh", page("<meta http-equiv=\"refresh\" content=\"0;url=" + p + "/refresh\">"),
                "/script-redirect", page("<script>location.href='" + p + "/script';</script>"),
                "/iframe", page("<iframe src=\"" + p + "/frame\"></iframe><iframe src=\"http://" + METADATA + "/frame\"></iframe>"),
                "/subresources", page("<img src=\"" + p + "/img.png\"><script src=\"" + p + "/a.js\"></script>"
                        + "<link rel=\"stylesheet\" href=\"" + p + "/a.css\"><script>fetch('" + p + "/fetch').catch(() => {});"
                        + "new Image().src='http://" + METADATA + "/beacon';</script>"),
                "/websocket", page("<script>try { new WebSocket('ws://" + PRIVATE + "/ws'); new WebSocket('wss://" + PRIVATE + "/ws'); }"
                        + " catch (e) {}</script>"),
                "/service-worker", page("<script>navigator.serviceWorker && navigator.serviceWorker.register('/sw.js').catch(() => {});</script>"),
                "/preconnect", page("<link rel=\"preconnect\" href=\"" + p + "\"><link rel=\"dns-prefetch\" href=\"" + p + "\">"
                        + "<link rel=\"prefetch\" href=\"" + p + "/prefetch\">"),
                "/event-source", page("<script>try { new EventSource('" + p + "/events'); } catch (e) {}"
                        + "navigator.sendBeacon && navigator.sendBeacon('" + p + "/beacon', 'x');</script>")));
    }

    private static String page(String body) {
        return "<!doctype html><html><head><title>Terms</title></head><body><main><h1>Terms of Service</h1>"
                + "<p>These terms govern the use of the service and are long enough to be a document.</p>" + body + "</main></body></html>";
    }

    private static ServerSocket listen(String address, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(1_000);
                    escapes.add(address + ":" + port + " " + firstLine(s.getInputStream()));
                    OutputStream out = s.getOutputStream();
                    byte[] body = ("<html><body><p>" + SECRET + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                } catch (IOException e) {
                    // closed at the end, or a client that sent nothing: the connection was recorded above
                }
            }
        });
        return server;
    }

    private static String firstLine(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) if (c != '\r') line.append((char) c);
        } catch (IOException e) {
            line.append("(no request line: ").append(e.getMessage()).append(')');
        }
        return line.isEmpty() ? "(connection only)" : line.toString();
    }
}
