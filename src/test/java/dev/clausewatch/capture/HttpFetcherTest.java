package dev.clausewatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clausewatch.capture.CaptureFailure.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP fetcher against a real server on loopback; refused addresses are decided without sending anything. */
class HttpFetcherTest {
    private static final String PAGE = "<html><body><h1>Terms</h1><p>These are the terms.</p></body></html>";

    private LoopbackSite site;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws Exception {
        site = new LoopbackSite();
        CaptureConfig config = CaptureConfig.defaults().withLoopbackAllowed()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700))
                .withPoliteness(Duration.ZERO, Duration.ofMillis(20));
        fetcher = new HttpFetcher(config, LoopbackSite.resolver(Map.of(
                "internal.example", List.of("10.0.0.5"),
                "metadata.example", List.of("169.254.169.254"),
                "rebind.example", List.of("93.184.216.34", "10.0.0.9"),
                "mapped.example", List.of("::ffff:192.168.0.1"))), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        site.close();
    }

    private FetchResult fetch(String path) {
        return fetcher.fetch(site.url(path), HttpFetcher.Validators.NONE, "en-GB");
    }

    @Test
    void sends_an_honest_user_agent_and_the_source_language() {
        site.html("/terms", PAGE);
        FetchResult result = fetch("/terms");
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo(PAGE);
        assertThat(result.metadata().status()).isEqualTo(200);
        LoopbackSite.Received request = site.received("/terms").getFirst();
        assertThat(request.header("User-Agent")).startsWith("Clausewatch/").contains("+https://");
        assertThat(request.header("Accept-Language")).isEqualTo("en-GB");
    }

    @Test
    void follows_redirects_and_records_the_final_url() {
        site.html("/terms", PAGE);
        site.page("/old", ex -> LoopbackSite.send(ex, 301, "text/html", new byte[0], h -> h.set("Location", "/older")));
        site.page("/older", ex -> LoopbackSite.send(ex, 302, "text/html", new byte[0], h -> h.set("Location", site.url("/terms").toString())));
        FetchResult result = fetch("/old");
        assertThat(result.metadata().url()).isEqualTo(site.url("/old"));
        assertThat(result.finalUrl()).isEqualTo(site.url("/terms"));
    }

    @Test
    void stops_after_the_redirect_bound() {
        site.page("/loop", ex -> LoopbackSite.send(ex, 302, "text/html", new byte[0], h -> h.set("Location", "/loop")));
        assertThatThrownBy(() -> fetch("/loop")).isInstanceOfSatisfying(CaptureFailure.class,
                f -> assertThat(f.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS));
        assertThat(site.received("/loop")).hasSize(6);
    }

    @Test
    void asks_conditionally_and_understands_304() {
        site.page("/etag", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                LoopbackSite.send(ex, 304, "text/html", new byte[0], h -> h.set("ETag", "\"v1\""));
            } else {
                LoopbackSite.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8), h -> h.set("ETag", "\"v1\""));
            }
        });
        FetchResult first = fetch("/etag");
        assertThat(first.header("ETag")).contains("\"v1\"");
        FetchResult second = fetcher.fetch(site.url("/etag"), new HttpFetcher.Validators(first.header("ETag"), java.util.Optional.empty()), "en");
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
    }

    @Test
    void retries_a_429_after_the_time_it_asks_and_then_succeeds() {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        site.page("/busy", ex -> {
            arrivals.add(System.nanoTime());
            if (arrivals.size() == 1) LoopbackSite.send(ex, 429, "text/plain", "slow down".getBytes(), h -> h.set("Retry-After", "1"));
            else LoopbackSite.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8), h -> {});
        });
        assertThat(fetch("/busy").metadata().status()).isEqualTo(200);
        assertThat(arrivals).hasSize(2);
        // One second asked, far above the 20 ms backoff: the second request waits for the server's figure.
        assertThat(millis(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(990L);
    }

    @Test
    void retries_a_503_and_then_succeeds() {
        AtomicInteger calls = new AtomicInteger();
        site.page("/flaky", ex -> {
            if (calls.incrementAndGet() == 1) LoopbackSite.send(ex, 503, "text/plain", "down".getBytes(), h -> {});
            else LoopbackSite.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8), h -> {});
        });
        assertThat(fetch("/flaky").metadata().status()).isEqualTo(200);
        assertThat(site.received("/flaky")).hasSize(2);
    }

    @Test
    void backs_off_exponentially_with_jitter_between_attempts() {
        HttpFetcher patient = new HttpFetcher(CaptureConfig.defaults().withLoopbackAllowed()
                .withPoliteness(Duration.ZERO, Duration.ofMillis(300)), LoopbackSite.resolver(Map.of()), Clock.systemUTC());
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        site.page("/down", ex -> {
            arrivals.add(System.nanoTime());
            LoopbackSite.send(ex, 503, "text/plain", "down".getBytes(), h -> {});
        });
        assertThatThrownBy(() -> patient.fetch(site.url("/down"), HttpFetcher.Validators.NONE, "en")).isInstanceOf(CaptureFailure.class);
        patient.close();
        // 300 ms plus up to half again, then 600 ms plus up to half again (the default two retries).
        assertThat(arrivals).hasSize(3);
        assertThat(millis(arrivals.get(1) - arrivals.get(0))).isBetween(300L, 599L);
        assertThat(millis(arrivals.get(2) - arrivals.get(1))).isGreaterThanOrEqualTo(600L);
    }

    @Test
    void gives_up_on_a_failing_server_after_its_retries_and_says_so() {
        site.page("/down", ex -> LoopbackSite.send(ex, 503, "text/plain", "down".getBytes(), h -> {}));
        assertThatThrownBy(() -> fetch("/down")).isInstanceOfSatisfying(CaptureFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(f.getMessage()).contains("HTTP 503");
        });
        assertThat(site.received("/down")).hasSize(3);
    }

    @Test
    void does_not_retry_what_is_not_transient() {
        site.page("/forbidden", ex -> LoopbackSite.send(ex, 403, "text/plain", "no".getBytes(), h -> {}));
        assertThatThrownBy(() -> fetch("/forbidden")).isInstanceOfSatisfying(CaptureFailure.class,
                f -> assertThat(f.kind()).isEqualTo(Kind.FORBIDDEN));
        assertThat(site.received("/forbidden")).hasSize(1);
        assertThatThrownBy(() -> fetch("/missing")).isInstanceOfSatisfying(CaptureFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.HTTP_ERROR);
            assertThat(f.getMessage()).contains("HTTP 404");
        });
        assertThat(site.received("/missing")).hasSize(1);
    }

    @Test
    void a_retry_after_over_two_minutes_is_not_waited_for() {
        site.page("/later", ex -> LoopbackSite.send(ex, 429, "text/plain", "come back tomorrow".getBytes(), h -> h.set("Retry-After", "86400")));
        site.page("/maintenance", ex -> LoopbackSite.send(ex, 503, "text/plain", "down".getBytes(), h -> h.set("Retry-After", "121")));
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetch("/later")).isInstanceOfSatisfying(CaptureFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.TOO_MANY_REQUESTS);
            assertThat(f.retryAfterMillis()).isEqualTo(86_400_000L);
        });
        assertThatThrownBy(() -> fetch("/maintenance")).isInstanceOfSatisfying(CaptureFailure.class,
                f -> assertThat(f.kind()).isEqualTo(Kind.SERVER_ERROR));
        assertThat(site.received("/later")).hasSize(1);
        assertThat(site.received("/maintenance")).hasSize(1);
        assertThat(millis(System.nanoTime() - start)).isLessThan(5_000L);
    }

    @Test
    void an_interrupt_ends_the_wait_between_attempts() throws Exception {
        HttpFetcher patient = new HttpFetcher(CaptureConfig.defaults().withLoopbackAllowed()
                .withPoliteness(Duration.ZERO, Duration.ofMinutes(10)), LoopbackSite.resolver(Map.of()), Clock.systemUTC());
        CountDownLatch asked = new CountDownLatch(1);
        site.page("/down", ex -> {
            LoopbackSite.send(ex, 503, "text/plain", "down".getBytes(), h -> {});
            asked.countDown();
        });
        CaptureFailure[] failure = new CaptureFailure[1];
        boolean[] flagKept = new boolean[1];
        Thread capture = Thread.ofPlatform().start(() -> {
            try {
                patient.fetch(site.url("/down"), HttpFetcher.Validators.NONE, "en");
            } catch (CaptureFailure f) {
                failure[0] = f;
                flagKept[0] = Thread.currentThread().isInterrupted();
            }
        });
        assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
        capture.interrupt(); // during the ten-minute backoff, or just before it: either way no second attempt
        capture.join(5_000);
        patient.close();
        assertThat(capture.isAlive()).isFalse();
        assertThat(failure[0].kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure[0].getMessage()).contains("interrupted");
        assertThat(flagKept[0]).isTrue();
        assertThat(site.received("/down")).hasSize(1);
    }

    @Test
    void spaces_requests_to_one_host_but_not_across_hosts() {
        HttpFetcher polite = new HttpFetcher(CaptureConfig.defaults().withLoopbackAllowed()
                .withPoliteness(Duration.ofSeconds(1), Duration.ZERO), LoopbackSite.resolver(Map.of()), Clock.systemUTC());
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        for (String path : List.of("/a", "/b", "/c")) {
            site.page(path, ex -> {
                arrivals.put(path, System.nanoTime());
                LoopbackSite.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8), h -> {});
            });
        }
        polite.fetchOnce(site.url("/a"), Map.of());
        polite.fetchOnce(URI.create(site.url("/c").toString().replace("127.0.0.1", "localhost")), Map.of()); // same server, another host
        polite.fetchOnce(site.url("/b"), Map.of());
        polite.close();
        assertThat(millis(arrivals.get("/b") - arrivals.get("/a"))).as("one host").isGreaterThanOrEqualTo(900L);
        assertThat(millis(arrivals.get("/c") - arrivals.get("/a"))).as("another host").isLessThan(500L);
    }

    @Test
    void sends_one_host_no_more_requests_at_once_than_configured() throws Exception {
        // One at a time: the connection pool would allow two per host, so only the politeness holds this.
        HttpFetcher polite = new HttpFetcher(CaptureConfig.defaults().withLoopbackAllowed().withHostConcurrency(1)
                .withPoliteness(Duration.ZERO, Duration.ZERO), LoopbackSite.resolver(Map.of()), Clock.systemUTC());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        site.page("/slow", ex -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            LoopbackSite.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8), h -> {});
        });
        List<Thread> captures = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) captures.add(Thread.ofPlatform().start(() -> polite.fetchOnce(site.url("/slow"), Map.of())));
        for (Thread t : captures) t.join(10_000);
        polite.close();
        assertThat(site.received("/slow")).hasSize(4);
        assertThat(most.get()).isEqualTo(1);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @Test
    void a_slow_answer_is_a_timeout() {
        site.page("/slow", ex -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackSite.send(ex, 200, "text/html", PAGE.getBytes(StandardCharsets.UTF_8), h -> {});
        });
        assertThatThrownBy(() -> fetch("/slow")).isInstanceOfSatisfying(CaptureFailure.class,
                f -> assertThat(f.kind()).isEqualTo(Kind.TIMEOUT));
    }

    @Test
    void a_page_over_the_size_cap_is_refused() {
        HttpFetcher small = new HttpFetcher(CaptureConfig.defaults().withLoopbackAllowed().withMaxBytes(1000)
                .withPoliteness(Duration.ZERO, Duration.ZERO), LoopbackSite.resolver(Map.of()), Clock.systemUTC());
        site.bytes("/big", "text/html", new byte[5000]);
        assertThatThrownBy(() -> small.fetch(site.url("/big"), HttpFetcher.Validators.NONE, "en"))
                .isInstanceOfSatisfying(CaptureFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.TOO_LARGE));
        small.close();
    }

    @Test
    void a_cloudflare_challenge_header_is_a_bot_challenge() {
        site.page("/challenge", ex -> LoopbackSite.send(ex, 403, "text/html", "<title>Just a moment...</title>".getBytes(),
                h -> h.set("cf-mitigated", "challenge")));
        assertThatThrownBy(() -> fetch("/challenge")).isInstanceOfSatisfying(CaptureFailure.class,
                f -> assertThat(f.kind()).isEqualTo(Kind.BOT_CHALLENGE));
    }

    @Test
    void robots_txt_is_honoured() {
        site.page("/robots.txt", ex -> LoopbackSite.send(ex, 200, "text/plain",
                "User-agent: clausewatch\nDisallow: /private\n".getBytes(), h -> {}));
        site.html("/private/terms", PAGE);
        site.html("/public/terms", PAGE);
        assertThatThrownBy(() -> fetch("/private/terms")).isInstanceOfSatisfying(CaptureFailure.class,
                f -> assertThat(f.kind()).isEqualTo(Kind.ROBOTS_DISALLOWED));
        assertThat(site.received("/private/terms")).isEmpty();
        assertThat(fetch("/public/terms").metadata().status()).isEqualTo(200);
    }

    @Test
    void names_that_resolve_to_refused_addresses_are_never_connected_to() {
        for (String host : List.of("internal.example", "metadata.example", "rebind.example", "mapped.example")) {
            assertThatThrownBy(() -> fetcher.fetch(java.net.URI.create("http://" + host + "/terms"), HttpFetcher.Validators.NONE, "en"))
                    .as(host).isInstanceOfSatisfying(CaptureFailure.class, f -> {
                        assertThat(f.kind()).isEqualTo(Kind.REFUSED_ADDRESS);
                        assertThat(f.getMessage()).contains(host);
                    });
        }
    }

    @Test
    void a_redirect_to_a_refused_address_is_refused_before_connecting() {
        site.page("/to-metadata", ex -> LoopbackSite.send(ex, 302, "text/html", new byte[0],
                h -> h.set("Location", "http://metadata.example/latest/meta-data/")));
        assertThatThrownBy(() -> fetch("/to-metadata")).isInstanceOfSatisfying(CaptureFailure.class, f -> {
            assertThat(f.kind()).isEqualTo(Kind.REFUSED_ADDRESS);
            assertThat(f.getMessage()).contains("169.254.169.254 is cloud metadata");
        });
    }

    @Test
    void an_unknown_name_is_a_dns_failure() {
        assertThatThrownBy(() -> fetcher.fetch(java.net.URI.create("http://no-such-name.example/terms"), HttpFetcher.Validators.NONE, "en"))
                .isInstanceOfSatisfying(CaptureFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.DNS));
    }

    @Test
    void a_failed_tls_handshake_is_a_tls_failure() throws Exception {
        // A loopback server that answers a TLS hello with plain text, as a misconfigured host does.
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket socket = plain.accept()) {
                        socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            java.net.URI https = java.net.URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/terms");
            assertThatThrownBy(() -> fetcher.fetch(https, HttpFetcher.Validators.NONE, "en"))
                    .isInstanceOfSatisfying(CaptureFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.TLS));
        }
    }

    @Test
    void a_url_with_user_info_is_a_permanent_failure_not_retried() {
        site.html("/terms", "<html><body><p>Terms</p></body></html>");
        URI withUser = URI.create(site.url("/terms").toString().replace("http://", "http://user:secret@"));
        assertThatThrownBy(() -> fetcher.fetch(withUser, HttpFetcher.Validators.NONE, null))
                .isInstanceOfSatisfying(CaptureFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.UNSUPPORTED_URL);
                    assertThat(f.kind().isTransient()).isFalse();
                    assertThat(f.getMessage()).contains("user");
                });
        assertThat(site.received("/terms")).isEmpty();
    }

    @Test
    void a_malformed_location_is_a_permanent_failure_naming_it() {
        site.page("/moved", ex -> LoopbackSite.send(ex, 302, "text/html", new byte[0], h -> h.set("Location", "http://exa mple.com/%%")));
        assertThatThrownBy(() -> fetcher.fetch(site.url("/moved"), HttpFetcher.Validators.NONE, null))
                .isInstanceOfSatisfying(CaptureFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(Kind.HTTP_ERROR);
                    assertThat(f.kind().isTransient()).isFalse();
                    assertThat(f.getMessage()).contains("Location").contains("exa mple.com/%%");
                });
    }

    @Test
    void only_http_and_https_are_fetched() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.com/terms", "gopher://example.com/")) {
            assertThatThrownBy(() -> fetcher.fetch(java.net.URI.create(url), HttpFetcher.Validators.NONE, "en"))
                    .isInstanceOfSatisfying(CaptureFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.UNSUPPORTED_URL));
        }
    }

    @Test
    void loopback_is_refused_unless_configured() {
        site.html("/terms", PAGE);
        HttpFetcher strict = new HttpFetcher(CaptureConfig.defaults().withPoliteness(Duration.ZERO, Duration.ZERO),
                LoopbackSite.resolver(Map.of()), Clock.systemUTC());
        assertThatThrownBy(() -> strict.fetch(site.url("/terms"), HttpFetcher.Validators.NONE, "en"))
                .isInstanceOfSatisfying(CaptureFailure.class, f -> assertThat(f.kind()).isEqualTo(Kind.REFUSED_ADDRESS));
        assertThat(site.received("/terms")).isEmpty();
        strict.close();
    }
}
