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
 * touches the network itself: every request it makes is routed through {@link HttpFetcher} (same
 * address checks, same size cap) and fulfilled from there, so a page cannot make the browser reach
 * an address a plain fetch may not. Only GET is let through. The browser starts on first use; one
 * page is rendered at a time (Playwright objects belong to one thread).
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
            Page page = context.newPage();
            page.setDefaultTimeout(config.browserTimeout().toMillis());
            Response response = page.navigate(url.toString(), new Page.NavigateOptions().setWaitUntil(WaitUntilState.LOAD)
                    .setTimeout(config.browserTimeout().toMillis()));
            if (response == null) throw new CaptureFailure(Kind.BROWSER, "the browser got no response for " + url);
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
            byte[] html = page.content().getBytes(StandardCharsets.UTF_8);
            return new FetchResult(html, "text/html; charset=utf-8",
                    new CaptureMetadata(url, URI.create(page.url()), status, headers, clock.instant()));
        } catch (PlaywrightException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new CaptureFailure(message.contains("Timeout") ? Kind.TIMEOUT : Kind.BROWSER,
                    "the browser could not load " + url + ": " + message, 0, e);
        }
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
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(config.chromiumPath()).setHeadless(true).setArgs(CHROMIUM_FLAGS));
    }

    @Override
    public synchronized void close() {
        if (browser != null) browser.close();
        if (playwright != null) playwright.close();
        browser = null;
        playwright = null;
    }
}
