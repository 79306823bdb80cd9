package dev.clausewatch.web;

import java.util.List;

/**
 * The model of the account and organisation pages: a title, an optional notice (what just
 * happened, or why a form was refused), and sections of sentences, a table and forms. Every form
 * posts with the session's CSRF secret; one template renders them all (panel.jte).
 */
public record Panel(String title, String notice, List<Section> sections) {
    public Panel {
        sections = List.copyOf(sections);
    }

    public record Section(String heading, List<String> lines, Table table, List<Form> forms) {
        public Section {
            lines = List.copyOf(lines);
            forms = List.copyOf(forms);
        }

        static Section text(String heading, String... lines) {
            return new Section(heading, List.of(lines), null, List.of());
        }
    }

    public record Table(List<String> headers, List<List<Cell>> rows) {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A cell's text, a link when {@code href} is set, or a one-button form when {@code form} is. */
    public record Cell(String text, String href, Form form) {
        static Cell of(String text) {
            return new Cell(text, null, null);
        }

        static Cell link(String text, String href) {
            return new Cell(text, href, null);
        }

        static Cell button(Form form) {
            return new Cell(null, null, form);
        }
    }

    public record Form(String action, String submit, List<Field> fields, String csrf) {
        public Form {
            fields = List.copyOf(fields);
        }
    }

    /** An input: {@code type} is text, email, password, url, number, hidden or select (with {@code options}). */
    public record Field(String name, String label, String type, String value, List<String> options) {
        public Field {
            options = List.copyOf(options);
        }

        static Field input(String name, String label, String type) {
            return new Field(name, label, type, "", List.of());
        }

        static Field hidden(String name, String value) {
            return new Field(name, "", "hidden", value, List.of());
        }

        static Field select(String name, String label, List<String> options) {
            return new Field(name, label, "select", options.isEmpty() ? "" : options.getFirst(), options);
        }
    }
}
