package dev.clausewatch.capture;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.WaitUntilState;
import dev.clausewatch.capture.CaptureFailure.Kind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Captures script-rendered pages with the system Chromium driven by Playwright. The browser never
 * touches the network itself. Every request Playwright can route (navigations, frames,
 * subresources) is fulfilled through the {@link HttpFetcher} (same address checks, same size cap;
 * only GET is let through); WebSockets are closed unopened; service workers are blocked; and
 * Chromium's only network is a {@link GuardedProxy} on loopback, so what routing does not see
 * (redirect hops the browser follows itself, preconnects) meets the same address policy there. A
 * page that tried to reach a refused address fails as REFUSED_ADDRESS, naming it. The browser
 * starts on first use; one page is rendered at a time (Playwright objects belong to one thread).
 */
public final class BrowserFetcher implements AutoCloseable {
    static final List<String> CHROMIUM_FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");
    private static final Set<String> HOP_HEADERS = Set.of("content-encoding", "content-length", "transfer-encoding",
            "connection", "set-cookie", "keep-alive");

    /** How long to wait for a declared selector after the page loaded: scripts that render content do it within seconds. */
    private static final long SELECTOR_WAIT_MILLIS = 5_000;

    private final CaptureConfig config;
    private final HttpFetcher http;
    private final Clock clock;
    private Playwright playwright;
    private Browser browser;
    private GuardedProxy proxy;
    /** Addresses the page being rendered was refused, by routing or by the proxy. */
    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

    public BrowserFetcher(CaptureConfig config, HttpFetcher http, Clock clock) {
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    /** Whether the configured Chromium exists here; when not, browser captures fail with a message saying so. */
    public boolean available() {
        return Files.isExecutable(config.chromiumPath());
    }

    /** Renders the page, waits for the given CSS selectors (each up to a few seconds), and returns the DOM as HTML. */
    public synchronized FetchResult fetch(URI url, List<String> waitFor, String acceptLanguage) {
        HttpFetcher.requireHttp(url);
        start();
        String language = acceptLanguage == null ? config.acceptLanguage() : acceptLanguage;
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setUserAgent(config.userAgent())
                .setLocale(language.split("[,;]")[0].strip())
                .setExtraHTTPHeaders(Map.of("Accept-Language", language))
                .setServiceWorkers(com.microsoft.playwright.options.ServiceWorkerPolicy.BLOCK))) {
            context.route("**/*", this::throughHttpFetcher);
            context.routeWebSocket(java.util.regex.Pattern.compile(".*"), com.microsoft.playwright.WebSocketRoute::close);
            proxy.takeRefusals();
            refusals.clear();
            Page page = context.newPage();
            page.setDefaultTimeout(config.browserTimeout().toMillis());
            Response response = page.navigate(url.toString(), new Page.NavigateOptions().setWaitUntil(WaitUntilState.LOAD)
                    .setTimeout(config.browserTimeout().toMillis()));
            if (response == null) throw new CaptureFailure(Kind.BROWSER, "the browser got no response for " + url);
            String refusedNavigation = response.headerValue(GuardedProxy.REFUSED_HEADER);
            if (refusedNavigation != null) throw refused(url, List.of(refusedNavigation));
            for (String selector : waitFor) {
                try {
                    page.waitForSelector(selector, new Page.WaitForSelectorOptions().setTimeout(Math.min(SELECTOR_WAIT_MILLIS, config.browserTimeout().toMillis() / 4))
                            .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
                } catch (PlaywrightException notThere) {
                    // Extraction reports the missing selector with the page it got.
                }
            }
            int status = response.status();
            if (status >= 400) throw new CaptureFailure(status == 403 ? Kind.FORBIDDEN : status >= 500 ? Kind.SERVER_ERROR : Kind.HTTP_ERROR,
                    "HTTP " + status + " from " + url + " (browser)");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.allHeaders().forEach((k, v) -> headers.put(k, List.of(v)));
            // The page may navigate on by itself (script, refresh) at any moment: the address is read before and after
            // the DOM, and the DOM is the page's only if both are the same web address.
            String before = page.url();
            byte[] html = page.content().getBytes(StandardCharsets.UTF_8);
            String after = page.url();
            if (!before.equals(after) || !isWebAddress(after)) throw navigatedAway(url, after);
            return new FetchResult(html, "text/html; charset=utf-8",
                    new CaptureMetadata(url, URI.create(after), status, headers, clock.instant()));
        } catch (PlaywrightException e) {
            refusals.addAll(proxy.takeRefusals());
            if (!refusals.isEmpty()) throw refused(url, refusals);
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new CaptureFailure(message.contains("Timeout") ? Kind.TIMEOUT : Kind.BROWSER,
                    "the browser could not load " + url + ": " + message, 0, e);
        }
    }

    private static boolean isWebAddress(String address) {
        return address.startsWith("https://") || address.startsWith("http://");
    }

    /** The page left itself while it was read: refused when it went where captures may not reach, else a browser failure. */
    private CaptureFailure navigatedAway(URI url, String now) {
        refusals.addAll(proxy.takeRefusals());
        if (!refusals.isEmpty()) return refused(url, refusals);
        return new CaptureFailure(Kind.BROWSER, "the page at " + url + " navigated on by itself while it was read (now at "
                + (now.startsWith("chrome-error:") ? "the browser's error page" : now) + "); captured again at the next run");
    }

    private static CaptureFailure refused(URI url, List<String> refusals) {
        return new CaptureFailure(Kind.REFUSED_ADDRESS, "the browser was led from " + url + " to an address captures may not reach: "
                + String.join("; ", new java.util.LinkedHashSet<>(refusals)));
    }

    private void throughHttpFetcher(Route route) {
        var request = route.request();
        if (!request.method().equals("GET")) {
            route.abort("blockedbyclient");
            return;
        }
        try {
            Map<String, String> headers = new HashMap<>(request.headers());
            headers.keySet().removeIf(h -> h.equalsIgnoreCase("host") || h.equalsIgnoreCase("user-agent"));
            FetchResult result = http.fetchOnce(URI.create(request.url()), headers);
            Map<String, String> responseHeaders = new LinkedHashMap<>();
            result.metadata().headers().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) responseHeaders.put(name, String.join(", ", values));
            });
            route.fulfill(new Route.FulfillOptions().setStatus(result.metadata().status()).setHeaders(responseHeaders)
                    .setBodyBytes(result.body()));
        } catch (CaptureFailure | IllegalArgumentException refused) {
            if (refused instanceof CaptureFailure f && f.kind() == Kind.REFUSED_ADDRESS) refusals.add(f.getMessage());
            route.abort(refusedReason(refused));
        }
    }

    private static String refusedReason(RuntimeException e) {
        return e instanceof CaptureFailure f && f.kind() == Kind.REFUSED_ADDRESS ? "addressunreachable" : "failed";
    }

    private void start() {
        if (browser != null) return;
        if (!available()) {
            throw new CaptureFailure(Kind.BROWSER, "no Chromium at " + config.chromiumPath()
                    + ": install Debian's chromium package (apt-get install chromium) or configure its path");
        }
        try {
            proxy = new GuardedProxy(http, (int) config.readTimeout().toMillis());
        } catch (java.io.IOException e) {
            throw new CaptureFailure(Kind.BROWSER, "cannot start the browser's guarded proxy on loopback: " + e.getMessage(), 0, e);
        }
        List<String> flags = new java.util.ArrayList<>(CHROMIUM_FLAGS);
        // Every connection through the guarded proxy: "<-loopback>" removes Chromium's implicit bypass of localhost.
        flags.add("--proxy-server=" + proxy.address());
        flags.add("--proxy-bypass-list=<-loopback>");
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(config.chromiumPath()).setHeadless(true).setArgs(flags));
    }

    @Override
    public synchronized void close() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        if (proxy != null) {
            try {
                proxy.close();
            } catch (java.io.IOException ignored) {
                // the listening socket is gone either way
            }
        }
        browser = null;
        playwright = null;
        proxy = null;
    }
}
