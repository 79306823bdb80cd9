package dev.clausewatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints listings: aligned columns for people, or JSON for programs. */
final class Output {
    /** Dates as ISO strings and optionals as their value or null, as the API writes them. */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {}

    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            int width = headers.get(i).length();
            for (List<String> row : rows) width = Math.max(width, row.get(i).length());
            widths.add(width);
        }
        out.println(line(headers, widths));
        for (List<String> row : rows) out.println(line(row, widths));
        out.flush();
    }

    private static String line(List<String> cells, List<Integer> widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            text.append(i == cells.size() - 1 ? cell : cell + " ".repeat(widths.get(i) - cell.length() + 2));
        }
        return text.toString().stripTrailing();
    }
}
