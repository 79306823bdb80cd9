package dev.clausewatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Per-host manners without a network: the requests are stand-ins that record when they ran. The
 * cache's clock is moved by hand where forgetting hosts is the point; spacing uses real time with
 * wide margins (a busy machine only ever makes gaps longer).
 */
class HostPolitenessTest {
    private final AtomicLong ticker = new AtomicLong();

    @Test
    void a_host_in_use_is_never_forgotten_so_its_concurrency_bound_holds() throws Exception {
        HostPoliteness politeness = new HostPoliteness(Duration.ZERO, 1, ticker::get);
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> call(politeness, "site.example", () -> {
            firstRunning.countDown();
            finishFirst.await();
        }));
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();

        ticker.addAndGet(Duration.ofDays(1).toNanos()); // far past any expiry an idle host could have
        assertThat(politeness.hostsRemembered()).isEqualTo(1);
        Thread second = Thread.ofPlatform().start(() -> call(politeness, "SITE.example", secondRan::countDown));
        assertThat(secondRan.await(300, TimeUnit.MILLISECONDS)).as("a second request while the first holds the host").isFalse();

        finishFirst.countDown();
        assertThat(secondRan.await(5, TimeUnit.SECONDS)).isTrue();
        first.join();
        second.join();
        ticker.addAndGet(Duration.ofSeconds(2).toNanos()); // the cache drops expired entries in steps of about a second
        assertThat(politeness.hostsRemembered()).as("zero delay: nothing to remember once idle").isZero();
    }

    @Test
    void hosts_are_forgotten_once_their_delay_has_passed() throws Exception {
        HostPoliteness politeness = new HostPoliteness(Duration.ofMinutes(1), 1, ticker::get);
        for (int i = 0; i < 1_000; i++) politeness.call("host" + i + ".example", () -> null);
        assertThat(politeness.hostsRemembered()).as("each still spaces its next request").isEqualTo(1_000);

        ticker.addAndGet(Duration.ofMinutes(1).plusSeconds(5).toNanos());
        assertThat(politeness.hostsRemembered()).isZero();
    }

    @Test
    void the_spacing_runs_from_one_start_to_the_next() throws Exception {
        HostPoliteness politeness = new HostPoliteness(Duration.ofMillis(400), 1);
        long[] starts = new long[3];
        call(politeness, "site.example", () -> {
            starts[0] = System.nanoTime();
            Thread.sleep(400); // as long as the delay: the next request may start as soon as this one ends
        });
        politeness.call("site.example", () -> starts[1] = System.nanoTime());
        politeness.call("site.example", () -> starts[2] = System.nanoTime());

        // From end to start the second would wait 400 ms more (800 in all); from start to start it follows at once.
        assertThat(millis(starts[1] - starts[0])).isBetween(390L, 700L);
        assertThat(millis(starts[2] - starts[1])).as("a quick request: the next waits out the delay").isGreaterThanOrEqualTo(390L);
    }

    @Test
    void a_zero_delay_spaces_nothing() throws Exception {
        HostPoliteness politeness = new HostPoliteness(Duration.ZERO, 1);
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) politeness.call("site.example", () -> null);
        assertThat(millis(System.nanoTime() - start)).isLessThan(1_000L);
    }

    @Test
    void an_interrupt_ends_the_wait_for_the_hosts_turn() throws Exception {
        HostPoliteness politeness = new HostPoliteness(Duration.ofMinutes(10), 1);
        politeness.call("site.example", () -> null); // takes the token: the next waits ten minutes
        Throwable[] thrown = new Throwable[1];
        boolean[] flagKept = new boolean[1];
        Thread waiting = Thread.ofPlatform().start(() -> {
            try {
                politeness.call("site.example", () -> null);
            } catch (Exception e) {
                thrown[0] = e;
                flagKept[0] = Thread.currentThread().isInterrupted();
            }
        });
        Thread.sleep(100);
        waiting.interrupt();
        waiting.join(5_000);
        assertThat(waiting.isAlive()).isFalse();
        assertThat(thrown[0]).isInstanceOf(java.io.InterruptedIOException.class);
        assertThat(flagKept[0]).isTrue();
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void call(HostPoliteness politeness, String host, Body body) {
        try {
            politeness.call(host, () -> {
                try {
                    body.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
