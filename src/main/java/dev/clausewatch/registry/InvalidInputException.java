package dev.clausewatch.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that Clausewatch refuses, with every problem found in it. Each problem names the field
 * (in files checked against a JSON Schema, the JSON pointer of the bad value such as
 * {@code /Privacy Policy/2/validUntil}; elsewhere a path such as {@code versions[0].date}; empty
 * for the whole file) and the rule it breaks, so the message alone is enough to fix the input.
 */
public final class InvalidInputException extends RuntimeException {
    private static final int PROBLEMS_IN_MESSAGE = 10;

    /** One broken rule: where in the input, and what the rule is. */
    public record Problem(String field, String rule) {
        @Override
        public String toString() {
            return field.isEmpty() ? rule : field + ": " + rule;
        }
    }

    private final Path file;
    private final List<Problem> problems;

    public InvalidInputException(Path file, List<Problem> problems) {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(Path file, String field, String rule) {
        this(file, List.of(new Problem(field, rule)));
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(Path file, List<Problem> problems) {
        String shown = problems.stream().limit(PROBLEMS_IN_MESSAGE).map(p -> "  " + p).collect(Collectors.joining("\n"));
        String more = problems.size() > PROBLEMS_IN_MESSAGE
                ? "\n  … and " + (problems.size() - PROBLEMS_IN_MESSAGE) + " more" : "";
        return file + (problems.size() == 1 ? ": " + problems.getFirst() : ":\n" + shown + more);
    }
}
