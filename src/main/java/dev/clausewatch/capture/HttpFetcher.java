package dev.clausewatch.capture;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import dev.clausewatch.capture.CaptureFailure.Kind;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.cookie.BasicCookieStore;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches pages over HTTP like a careful user agent: only http and https; every host resolved
 * once and checked by the {@link AddressPolicy} (first request and each redirect); redirects
 * followed up to a bound; conditional requests (ETag, Last-Modified); {@code Accept-Language};
 * timeouts and a size cap; retries with backoff for transient failures only (honouring
 * Retry-After); per-host politeness; robots.txt honoured unless configured off. Every failure is
 * a {@link CaptureFailure} with its kind.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final String ROBOTS_AGENT = "clausewatch";
    private static final Duration ROBOTS_TTL = Duration.ofHours(12);
    private static final long MAX_RETRY_AFTER_MILLIS = 120_000;

    /** Validators from an earlier capture, for a conditional request. */
    public record Validators(Optional<String> etag, Optional<String> lastModified) {
        public static final Validators NONE = new Validators(Optional.empty(), Optional.empty());
    }

    private record CachedRules(BaseRobotRules rules, Instant until) {}

    private final CaptureConfig config;
    private final CloseableHttpClient client;
    private final HostPoliteness politeness;
    private final FailsafeExecutor<FetchResult> retrying;
    private final Clock clock;
    /** Robots rules by origin: each kept for {@code ROBOTS_TTL} by the capture clock, at most this many origins at once. */
    private final com.github.benmanes.caffeine.cache.Cache<String, CachedRules> robots =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000).build();
    private final SafeDnsResolver dns;

    public HttpFetcher(CaptureConfig config, HostResolver resolver, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.politeness = new HostPoliteness(config.hostDelay(), config.hostConcurrency());
        this.retrying = Failsafe.with(RetryPolicy.<FetchResult>builder()
                .handleIf(failure -> failure instanceof CaptureFailure f && f.kind().isTransient())
                // A server that asks for more than MAX_RETRY_AFTER_MILLIS is not waited for: the failure
                // goes back at once, and the schedule's next run asks again.
                .abortIf((result, failure) -> failure instanceof CaptureFailure f && f.retryAfterMillis() > MAX_RETRY_AFTER_MILLIS)
                .withMaxRetries(config.retries())
                .withDelayFn(execution -> Duration.ofMillis(backoff(execution.getAttemptCount() - 1,
                        execution.getLastException() instanceof CaptureFailure f ? f.retryAfterMillis() : 0)))
                .build());
        this.dns = new SafeDnsResolver(resolver, new AddressPolicy(config.allowLoopback()));
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(dns)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(config.readTimeout()))
                        .build())
                .setMaxConnPerRoute(Math.max(2, config.hostConcurrency()))
                .setMaxConnTotal(64)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false)
                        .setResponseTimeout(Timeout.of(config.readTimeout())).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .setUserAgent(config.userAgent())
                .build();
    }

    /** Fetches a page, following redirects and retrying transient failures; a 304 comes back with an empty body. */
    public FetchResult fetch(URI url, Validators validators, String acceptLanguage) {
        requireHttp(url);
        if (config.respectRobots() && !robotsAllow(url)) {
            throw new CaptureFailure(Kind.ROBOTS_DISALLOWED, url.getHost() + "'s robots.txt disallows " + url.getPath()
                    + " for Clausewatch; configure respectRobots=false only with the site's permission");
        }
        try {
            // Failsafe rethrows the last CaptureFailure as it is (it wraps checked exceptions only).
            return retrying.get(() -> followRedirects(url, validators, acceptLanguage));
        } catch (FailsafeException interrupted) {
            // The one checked exception here: an interrupt (a stop) while waiting between attempts.
            // Failsafe has set the thread's flag again; the capture ends now instead of retrying.
            throw new CaptureFailure(Kind.TIMEOUT, "interrupted while waiting to retry " + url, 0, interrupted.getCause());
        }
    }

    /** One GET without robots, redirects or retries: for a browser's sub-requests, which the page itself asks for. */
    public FetchResult fetchOnce(URI url, Map<String, String> headers) {
        requireHttp(url);
        return execute(url, headers, true);
    }

    /** The host's addresses as the policy allows them (refused as a whole when any is not): what a connection may use. */
    InetAddress[] allowedAddresses(String host) throws UnknownHostException {
        return dns.resolve(host);
    }

    private FetchResult followRedirects(URI url, Validators validators, String acceptLanguage) {
        URI current = url;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8");
        headers.put("Accept-Language", acceptLanguage == null ? config.acceptLanguage() : acceptLanguage);
        validators.etag().ifPresent(v -> headers.put("If-None-Match", v));
        validators.lastModified().ifPresent(v -> headers.put("If-Modified-Since", v));
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            FetchResult result = execute(current, headers, false);
            int status = result.metadata().status();
            if (status < 300 || status >= 400 || status == 304) {
                return new FetchResult(result.body(), result.mediaType(),
                        new CaptureMetadata(url, current, status, result.metadata().headers(), result.fetchedAt()));
            }
            String location = result.header("Location").orElseThrow(() -> new CaptureFailure(Kind.HTTP_ERROR,
                    "HTTP " + status + " from " + url + " without a Location header"));
            current = redirectTarget(url, current, location);
        }
        throw new CaptureFailure(Kind.TOO_MANY_REDIRECTS, url + " redirected more than " + config.maxRedirects() + " times");
    }

    private FetchResult execute(URI url, Map<String, String> headers, boolean anyStatus) {
        HttpGet get = new HttpGet(url);
        headers.forEach(get::setHeader);
        HttpClientContext context = HttpClientContext.create();
        context.setCookieStore(new BasicCookieStore());
        try {
            return politeness.call(url.getHost(), () -> client.execute(get, context, response -> read(url, response, anyStatus)));
        } catch (CaptureFailure failure) {
            throw failure;
        } catch (SafeDnsResolver.RefusedAddressException e) {
            throw new CaptureFailure(Kind.REFUSED_ADDRESS, e.getMessage());
        } catch (UnknownHostException e) {
            throw new CaptureFailure(Kind.DNS, "cannot resolve " + url.getHost() + ": " + e.getMessage(), 0, e);
        } catch (SSLException e) {
            throw new CaptureFailure(Kind.TLS, "TLS with " + url.getHost() + " failed: " + e.getMessage(), 0, e);
        } catch (SocketTimeoutException e) {
            throw new CaptureFailure(Kind.TIMEOUT, "no answer from " + url.getHost() + " in time: " + e.getMessage(), 0, e);
        } catch (InterruptedIOException e) {
            throw new CaptureFailure(Kind.TIMEOUT, "interrupted waiting for " + url + ": " + e.getMessage(), 0, e);
        } catch (ConnectException e) {
            throw new CaptureFailure(Kind.CONNECTION, "cannot connect to " + url.getHost() + ": " + e.getMessage(), 0, e);
        } catch (IOException e) {
            throw new CaptureFailure(Kind.CONNECTION, "connection to " + url.getHost() + " failed: " + e, 0, e);
        }
    }

    private FetchResult read(URI url, ClassicHttpResponse response, boolean anyStatus) throws IOException {
        int status = response.getCode();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        HttpEntity entity = response.getEntity();
        byte[] body = entity == null ? new byte[0] : capped(url, entity.getContent());
        String mediaType = entity == null || entity.getContentType() == null ? "" : entity.getContentType();
        FetchResult result = new FetchResult(body, mediaType, new CaptureMetadata(url, url, status, headers, clock.instant()));
        if (!anyStatus) classify(url, result);
        return result;
    }

    private byte[] capped(URI url, InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBytes() + 1));
            if (body.length > config.maxBytes()) {
                throw new CaptureFailure(Kind.TOO_LARGE, url + " is larger than " + config.maxBytes() + " bytes");
            }
            return body;
        }
    }

    private static void classify(URI url, FetchResult result) {
        int status = result.metadata().status();
        String where = "HTTP " + status + " from " + url;
        if (status == 304 || (status >= 300 && status < 400)) return;
        if (result.header("cf-mitigated").filter(v -> v.equalsIgnoreCase("challenge")).isPresent()) {
            throw new CaptureFailure(Kind.BOT_CHALLENGE, where + ": a Cloudflare challenge (cf-mitigated: challenge)");
        }
        if (status == 401) throw new CaptureFailure(Kind.LOGIN_OR_COOKIE_WALL, where + ": the page asks for a login");
        if (status == 403) throw new CaptureFailure(Kind.FORBIDDEN, where + ": access refused (often bot blocking)");
        if (status == 429) {
            throw new CaptureFailure(Kind.TOO_MANY_REQUESTS, where + ": too many requests", retryAfter(result), null);
        }
        if (status >= 500) throw new CaptureFailure(Kind.SERVER_ERROR, where, retryAfter(result), null);
        if (status >= 400) throw new CaptureFailure(Kind.HTTP_ERROR, where);
        if (result.body().length == 0) throw new CaptureFailure(Kind.EMPTY, where + " with an empty body");
    }

    private static long retryAfter(FetchResult result) {
        return result.header("Retry-After").map(String::strip).map(value -> {
            if (value.matches("\\d+")) return Long.parseLong(value) * 1000;
            try {
                return Math.max(0, Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)).toMillis());
            } catch (DateTimeParseException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private boolean robotsAllow(URI url) {
        String origin = url.getScheme() + "://" + url.getRawAuthority();
        CachedRules cached = robots.getIfPresent(origin);
        if (cached == null || cached.until().isBefore(clock.instant())) {
            cached = new CachedRules(fetchRobots(URI.create(origin + "/robots.txt")), clock.instant().plus(ROBOTS_TTL));
            robots.put(origin, cached);
        }
        return cached.rules().isAllowed(url.toString());
    }

    private BaseRobotRules fetchRobots(URI robotsUrl) {
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        try {
            FetchResult result = execute(robotsUrl, Map.of(), true);
            int status = result.metadata().status();
            if (status >= 200 && status < 300) {
                return parser.parseContent(robotsUrl.toString(), result.body(), result.mediaType(), List.of(ROBOTS_AGENT));
            }
            return parser.failedFetch(status);
        } catch (CaptureFailure failure) {
            // No robots.txt reachable: the page fetch will meet (and report) the same failure.
            return parser.failedFetch(404);
        }
    }

    /** The wait after attempt {@code attempt} (0 for the first) failed: exponential with jitter, never less than the server asked. */
    private long backoff(int attempt, long retryAfterMillis) {
        long exponential = config.retryBackoff().toMillis() << attempt;
        long jitter = exponential == 0 ? 0 : ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Math.max(retryAfterMillis, exponential + jitter);
    }

    /** Where a Location header points, resolved against the URL that sent it; a malformed one is a permanent failure naming it. */
    private static URI redirectTarget(URI requested, URI current, String location) {
        URI target;
        try {
            target = current.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new CaptureFailure(Kind.HTTP_ERROR, current + " (asked for " + requested + ") redirects to a malformed Location header \""
                    + printable(location) + "\": " + e.getMessage());
        }
        requireHttp(target);
        return target;
    }

    private static String printable(String header) {
        String shown = header.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 300 ? shown.substring(0, 300) + "…" : shown;
    }

    static void requireHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CaptureFailure(Kind.UNSUPPORTED_URL, "only http and https URLs are captured, not " + url);
        }
        if (url.getHost() == null) throw new CaptureFailure(Kind.UNSUPPORTED_URL, url + " has no host");
        if (url.getRawUserInfo() != null) {
            // Credentials in a URL are either a mistake or a trick ("https://trusted.example@evil.example/"): never sent.
            throw new CaptureFailure(Kind.UNSUPPORTED_URL, "a URL with user info (user:password@) is not captured: "
                    + url.getScheme() + "://…@" + url.getRawAuthority().substring(url.getRawAuthority().lastIndexOf('@') + 1) + url.getRawPath());
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing idle connections; nothing to recover
        }
    }
}
