package dev.clausewatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/** An alert as plain text, HTML (for e-mail) and JSON (for webhooks and the store). */
public final class AlertText {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AlertText() {}

    public static String json(Alert alert) {
        try {
            return JSON.writeValueAsString(alert);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert " + alert.id(), e);
        }
    }

    public static Alert.Message message(String json) {
        try {
            return JSON.readValue(json, Alert.Message.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a stored alert message is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static String messageJson(Alert.Message message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert message", e);
        }
    }

    public static String plain(Alert alert, String baseUrl) {
        Alert.Message m = alert.message();
        StringBuilder text = new StringBuilder(m.subject()).append("\n\n");
        m.through().ifPresent(t -> text.append(t).append("\n\n"));
        text.append(m.documentTitle()).append(", version ").append(m.fromNumber()).append(" → ").append(m.toNumber())
                .append(" (seen ").append(m.observedAt().toString(), 0, 10).append("): ").append(m.reasons()).append("\n");
        for (Alert.Item item : m.changes()) {
            text.append("\n* ").append(item.kind()).append(" ").append(item.provisionId());
            if (!item.trail().isEmpty()) text.append(" (").append(String.join(" › ", item.trail())).append(")");
            text.append(": ").append(item.reason()).append("\n");
            item.before().ifPresent(b -> text.append("  before: “").append(b).append("”\n"));
            item.after().ifPresent(a -> text.append("  after:  “").append(a).append("”\n"));
        }
        text.append("\nSee the change: ").append(baseUrl).append(m.link()).append("\n");
        return text.toString();
    }

    public static String html(Alert alert, String baseUrl) {
        Alert.Message m = alert.message();
        StringBuilder html = new StringBuilder("<!doctype html><html><body><h1>").append(e(m.subject())).append("</h1>");
        m.through().ifPresent(t -> html.append("<p><strong>").append(e(t)).append("</strong></p>"));
        html.append("<p>").append(e(m.documentTitle())).append(", version ").append(m.fromNumber()).append(" → ").append(m.toNumber())
                .append(": ").append(e(m.reasons())).append("</p><ul>");
        for (Alert.Item item : m.changes()) {
            html.append("<li><p>").append(e(item.kind())).append(" <code>").append(e(item.provisionId())).append("</code>");
            if (!item.trail().isEmpty()) html.append(" — ").append(e(String.join(" › ", item.trail())));
            html.append(": ").append(e(item.reason())).append("</p>");
            quote(html, "Before", item.before());
            quote(html, "After", item.after());
            html.append("</li>");
        }
        String link = baseUrl + m.link();
        return html.append("</ul><p><a href=\"").append(e(link)).append("\">See the change</a></p></body></html>").toString();
    }

    private static void quote(StringBuilder html, String label, Optional<String> text) {
        text.ifPresent(t -> html.append("<p>").append(label).append(":</p><blockquote>").append(e(t)).append("</blockquote>"));
    }

    private static String e(String text) {
        return Entities.escape(text);
    }
}
