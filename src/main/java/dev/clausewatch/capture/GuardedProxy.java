package dev.clausewatch.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's only way to the network: an HTTP proxy on 127.0.0.1 that Chromium is started with
 * (loopback included, nothing bypasses it). Page requests are fulfilled through the
 * {@link HttpFetcher} by Playwright routing before they get here; what routing does not see comes
 * here — redirect hops the browser follows itself, preconnects, WebSockets — and is decided by the
 * same {@link AddressPolicy} against the address actually connected to: a plain-HTTP request is
 * fetched through the fetcher (GET and HEAD only), a CONNECT tunnel is opened to the one address
 * the policy allowed for the host, never to a second lookup. Every refusal is kept, so a capture
 * can say which address its page tried to reach.
 */
final class GuardedProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedProxy.class);
    static final String REFUSED_HEADER = "X-Clausewatch-Refused";
    private static final int MAX_HEAD_BYTES = 32 * 1024;
    private static final Set<String> HOP_HEADERS = Set.of("proxy-connection", "proxy-authorization", "connection", "keep-alive",
            "transfer-encoding", "content-length", "content-encoding", "te", "trailer", "upgrade", "host");

    private final HttpFetcher http;
    private final int timeoutMillis;
    private final ServerSocket server;
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    GuardedProxy(HttpFetcher http, int timeoutMillis) throws IOException {
        this.http = http;
        this.timeoutMillis = timeoutMillis;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("guarded-proxy").start(this::accept);
    }

    /** The address to give Chromium as its proxy server. */
    String address() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** What was refused since the last call, and forgets it (one page is captured at a time). */
    List<String> takeRefusals() {
        List<String> taken = List.copyOf(refusals);
        refusals.removeAll(taken);
        return taken;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                if (!server.isClosed()) LOG.warn("the browser's proxy stopped accepting: {}", e.toString());
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(timeoutMillis);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) return;
            String[] requestLine = head.getFirst().split(" ");
            if (requestLine.length != 3) {
                answer(out, 400, "Bad Request", Map.of(), new byte[0]);
                return;
            }
            if (requestLine[0].equals("CONNECT")) tunnel(client, requestLine[1], out);
            else forward(requestLine[0], requestLine[1], head.subList(1, head.size()), out);
        } catch (IOException e) {
            // The browser gave up on the connection, or the tunnel ended: nothing to answer.
        }
    }

    /** A CONNECT host:port: the host's addresses are checked, and the tunnel goes to the address that was checked. */
    private void tunnel(Socket client, String authority, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            answer(out, 400, "Bad Request", Map.of(), new byte[0]);
            return;
        }
        InetAddress address;
        try {
            address = http.allowedAddresses(host)[0];
        } catch (SafeDnsResolver.RefusedAddressException refused) {
            refuse(out, refused.getMessage());
            return;
        } catch (UnknownHostException e) {
            answer(out, 502, "Bad Gateway", Map.of(), new byte[0]);
            return;
        }
        try (Socket upstream = new Socket()) {
            upstream.connect(new InetSocketAddress(address, port), timeoutMillis);
            upstream.setSoTimeout(timeoutMillis);
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread back = Thread.ofVirtual().start(() -> copy(upstream, client));
            copy(client, upstream);
            try {
                back.join(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } catch (IOException e) {
            answer(out, 502, "Bad Gateway", Map.of(), new byte[0]);
        }
    }

    /** A plain-HTTP request in absolute form, fetched through the fetcher (its address checks, its size cap). */
    private void forward(String method, String target, List<String> headerLines, OutputStream out) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            answer(out, 405, "Method Not Allowed", Map.of("Allow", "GET, HEAD"), new byte[0]);
            return;
        }
        URI url;
        try {
            url = URI.create(target);
            HttpFetcher.requireHttp(url);
        } catch (IllegalArgumentException | CaptureFailure e) {
            answer(out, 400, "Bad Request", Map.of(), new byte[0]);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String name = line.substring(0, colon).strip();
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("user-agent")) {
                headers.put(name, line.substring(colon + 1).strip());
            }
        }
        try {
            FetchResult result = http.fetchOnce(url, headers);
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            result.metadata().headers().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("set-cookie")) {
                    responseHeaders.put(name, String.join(", ", values));
                }
            });
            answer(out, result.metadata().status(), "", responseHeaders, method.equals("HEAD") ? new byte[0] : result.body());
        } catch (CaptureFailure failure) {
            if (failure.kind() == CaptureFailure.Kind.REFUSED_ADDRESS) refuse(out, failure.getMessage());
            else answer(out, 502, "Bad Gateway", Map.of(), new byte[0]);
        }
    }

    private void refuse(OutputStream out, String reason) throws IOException {
        refusals.add(reason);
        LOG.info("the browser was refused: {}", reason);
        answer(out, 403, "Forbidden", Map.of(REFUSED_HEADER, reason.replaceAll("[\\r\\n]", " ")), new byte[0]);
    }

    private static void answer(OutputStream out, int status, String reason, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value.replaceAll("[\\r\\n]", " ")).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** The request line and header lines, up to the blank line; bounded, so a client cannot make it grow. */
    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) return List.of();
            bytes.write(c);
            if (bytes.size() > MAX_HEAD_BYTES) throw new IOException("request head larger than " + MAX_HEAD_BYTES + " bytes");
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1).lines().filter(l -> !l.isEmpty()).toList();
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed or timed out: the tunnel is over
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
