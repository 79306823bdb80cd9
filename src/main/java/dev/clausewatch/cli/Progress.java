package dev.clausewatch.cli;

import java.io.Console;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A long command's progress, with rate and time left (the progressbar library), on the error
 * stream and only on a terminal: piped or redirected output, logs and tests stay clean.
 */
final class Progress implements java.util.function.IntConsumer, AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar named {@code task} counting {@code unit} (plural), or a silent one off a terminal. */
    static Progress start(PrintWriter err, String task, String unit) {
        return start(err, task, unit, onTerminal());
    }

    /** A bar that is {@code shown} or silent whatever the streams are (for the tests). */
    static Progress start(PrintWriter err, String task, String unit, boolean shown) {
        return new Progress(shown ? bar(err, task, unit) : null);
    }

    private static ProgressBar bar(PrintWriter err, String task, String unit) {
        return new ProgressBarBuilder().setTaskName(task).setUnit(" " + unit, 1).setStyle(ProgressBarStyle.ASCII).showSpeed()
                .continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(new PrintStream(new WriterStream(err), true, StandardCharsets.UTF_8)))
                .build();
    }

    /** {@code done} of {@code total} so far. */
    void at(long done, long total) {
        if (bar == null) return;
        bar.maxHint(total);
        bar.stepTo(done);
    }

    /** {@code done} so far, of a total not known beforehand (the bar then shows the rate alone). */
    @Override
    public void accept(int done) {
        if (bar != null) bar.stepTo(done);
    }

    /** A few words after the bar (e.g. what the units have produced so far). */
    void note(String words) {
        if (bar != null) bar.setExtraMessage(words);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }

    /**
     * Whether a person watches: since JDK 22 {@code System.console()} exists even when the streams
     * are redirected, and only {@code Console.isTerminal()} (looked up, as the build targets 21) says.
     * It looks at standard input and output; the bar goes to the error stream, which is only redirected
     * alone ({@code 2>log}) by someone who then finds the bar in that file.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    /** The command's error writer as the stream the library prints to. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter writer;

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writer.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
