package dev.clausewatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded random inputs for the fuzz tests. Every try draws from its own generator, seeded from a
 * fixed seed and the try's number, so a failure names a try that repeats on its own
 * ({@code -Dfuzz.try=K}); its whole input is written under target/fuzz-failures. Each build runs
 * {@code fuzz.tries} tries (200 unless set: {@code -Dfuzz.tries=20000} for a long run).
 *
 * <p>Written here rather than taken from jqwik, whose 1.10 line prints text aimed at automated tools
 * on every run; shrinking is what is given up, and the saved input makes up for most of it.
 */
public final class Fuzz {
    public static final long SEED = 20261203L;

    /** What a property may throw; it answers with the outcome's name, counted for the report. */
    public interface Property<T> {
        String check(T input) throws Exception;
    }

    /** One weighted alternative of {@link #weighted}. */
    public record Choice<T>(int weight, Supplier<T> value) {}

    private final SplittableRandom random;

    private Fuzz(long seed) {
        random = new SplittableRandom(seed);
    }

    /**
     * Checks the property on every try's input and returns how often each outcome came; the first
     * failure stops the run with the try's number and input.
     */
    public static <T> Map<String, Integer> forAll(String name, Function<Fuzz, T> draw, Property<T> property) {
        Map<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        long slowestNanos = 0;
        int slowest = -1;
        int tries = Integer.getInteger("fuzz.tries", 200);
        Integer only = Integer.getInteger("fuzz.try");
        for (int k = only == null ? 0 : only; k < (only == null ? tries : only + 1); k++) {
            T input = draw.apply(new Fuzz(SEED ^ (k * 0x9E3779B97F4A7C15L)));
            long tryStart = System.nanoTime();
            try {
                outcomes.merge(property.check(input), 1, Integer::sum);
                if (System.nanoTime() - tryStart > slowestNanos) {
                    slowestNanos = System.nanoTime() - tryStart;
                    slowest = k;
                }
            } catch (Exception | AssertionError | StackOverflowError failure) {
                throw new AssertionError(name + " failed on try " + k + " (repeat with -Dfuzz.try=" + k + ") with " + failure
                        + "; input saved as " + save(name, k, input) + ": " + preview(input), failure);
            }
        }
        System.out.printf("%s: %s in %.1f s, slowest try %d (%.2f s)%n", name, outcomes, (System.nanoTime() - start) / 1e9, slowest, slowestNanos / 1e9);
        return outcomes;
    }

    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(Supplier<? extends T>... alternatives) {
        return alternatives[random.nextInt(alternatives.length)].get();
    }

    @SafeVarargs
    public final <T> T weighted(Choice<? extends T>... choices) {
        int total = 0;
        for (Choice<? extends T> c : choices) total += c.weight();
        int pick = random.nextInt(total);
        for (Choice<? extends T> c : choices) {
            pick -= c.weight();
            if (pick < 0) return c.value().get();
        }
        throw new IllegalStateException("unreachable");
    }

    /** A list of up to the size, short ones likelier (as most bugs show on small inputs, and large ones cost). */
    public <T> List<T> list(int maxSize, Supplier<T> element) {
        int size = small(maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) list.add(element.get());
        return list;
    }

    /** Any string up to the length: mostly printable ASCII, with white space, controls, any BMP character and lone surrogates. */
    public String string(int maxLength) {
        int length = small(maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int unit = this.<Integer>weighted(new Choice<>(12, () -> between(0x20, 0x7E)), new Choice<>(2, () -> oneOf(List.of(9, 10, 13, 0x85, 0xA0, 0x2028))),
                    new Choice<>(1, () -> between(0, 0x1F)), new Choice<>(3, () -> between(0x80, 0xFFFF)), new Choice<>(1, () -> between(0xD800, 0xDFFF)));
            text.append((char) unit);
        }
        return text.toString();
    }

    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[small(maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A size up to the bound, skewed towards small: a quarter of draws at most 1/16 of it, a half at most 1/4. */
    private int small(int max) {
        double u = random.nextDouble();
        return (int) Math.round(u * u * max);
    }

    private static Path save(String name, int k, Object input) {
        try {
            Path file = Path.of("target", "fuzz-failures", name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + k);
            Files.createDirectories(file.getParent());
            return Files.write(file, input instanceof byte[] b ? b : String.valueOf(input).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }

    private static String preview(Object input) {
        String text = input instanceof byte[] b ? b.length + " bytes" : String.valueOf(input);
        // Escaped, as a report holds it in XML, where a control character would cut it short.
        String shown = text.length() > 300 ? text.substring(0, 300) + "…" : text;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> out.append(Character.isISOControl(c) || Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
