package dev.clausewatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;
import org.jsoup.nodes.Entities;

/** An alert or a digest as plain text, HTML (for e-mail) and JSON (for webhooks and the store). */
public final class AlertText {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AlertText() {}

    public static String json(Notice notice) {
        try {
            return JSON.writeValueAsString(notice instanceof Digest d ? digestJson(d) : notice);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + notice.id(), e);
        }
    }

    private static java.util.Map<String, Object> digestJson(Digest d) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("id", d.id());
        json.put("type", "digest");
        json.put("organisation", d.organisation());
        json.put("subject", d.subject());
        json.put("periodStart", d.periodStart());
        json.put("periodEnd", d.periodEnd());
        json.put("byTopic", d.byTopic());
        json.put("byPlatform", d.byPlatform());
        return json;
    }

    public static String plain(Notice notice, String baseUrl) {
        return switch (notice) {
            case Alert a -> plain(a, baseUrl);
            case Digest d -> plain(d, baseUrl);
        };
    }

    public static String html(Notice notice, String baseUrl) {
        return switch (notice) {
            case Alert a -> html(a, baseUrl);
            case Digest d -> html(d, baseUrl);
        };
    }

    /** A digest: by topic, then each platform's changes, each with its reasons, topics and link; quotes stay on the change pages. */
    public static String plain(Digest d, String baseUrl) {
        StringBuilder text = new StringBuilder(d.subject()).append("\n");
        if (!d.byTopic().isEmpty()) {
            text.append("\nBy topic:\n");
            d.byTopic().forEach((topic, n) -> text.append("* ").append(topic).append(": ").append(n).append("\n"));
        }
        d.byPlatform().forEach((platform, alerts) -> {
            text.append("\n").append(platform).append("\n");
            for (Alert a : alerts) {
                Alert.Message m = a.message();
                text.append("* ").append(m.subject()).append(" (seen ").append(m.observedAt().toString(), 0, 10).append("): ").append(m.reasons());
                if (!m.topics().isEmpty()) text.append(" [").append(String.join(", ", m.topics())).append("]");
                m.through().ifPresent(t -> text.append("\n  ").append(t));
                text.append("\n  ").append(baseUrl).append(m.link()).append("\n");
            }
        });
        return text.toString();
    }

    public static String html(Digest d, String baseUrl) {
        StringBuilder html = new StringBuilder("<!doctype html><html><body><h1>").append(e(d.subject())).append("</h1>");
        if (!d.byTopic().isEmpty()) {
            html.append("<h2>By topic</h2><ul>");
            d.byTopic().forEach((topic, n) -> html.append("<li>").append(e(topic)).append(": ").append(n).append("</li>"));
            html.append("</ul>");
        }
        d.byPlatform().forEach((platform, alerts) -> {
            html.append("<h2>").append(e(platform)).append("</h2><ul>");
            for (Alert a : alerts) {
                Alert.Message m = a.message();
                html.append("<li><a href=\"").append(e(baseUrl + m.link())).append("\">").append(e(m.subject())).append("</a>: ")
                        .append(e(m.reasons()));
                if (!m.topics().isEmpty()) html.append(" <em>").append(e(String.join(", ", m.topics()))).append("</em>");
                m.through().ifPresent(t -> html.append("<br>").append(e(t)));
                html.append("</li>");
            }
            html.append("</ul>");
        });
        return html.append("</body></html>").toString();
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
        if (!m.effectiveDate().isEmpty()) text.append("Effective date: ").append(m.effectiveDate()).append("\n");
        if (!m.topics().isEmpty()) text.append("Topics: ").append(String.join(", ", m.topics())).append("\n");
        for (Alert.Item item : m.changes()) {
            text.append("\n* ").append(item.kind()).append(" ").append(item.provisionId());
            if (!item.trail().isEmpty()) text.append(" (").append(String.join(" › ", item.trail())).append(")");
            text.append(": ").append(item.reason());
            if (!item.exposure().isEmpty()) text.append(" (exposure ").append(item.exposure()).append(")");
            text.append("\n");
            item.before().ifPresent(b -> text.append("  before: “").append(b).append("”\n"));
            item.after().ifPresent(a -> text.append("  after:  “").append(a).append("”\n"));
            if (item.link() != null) text.append("  ").append(baseUrl).append(item.link()).append("\n");
        }
        text.append("\nSee the change: ").append(baseUrl).append(m.link()).append("\n");
        return text.toString();
    }

    public static String html(Alert alert, String baseUrl) {
        Alert.Message m = alert.message();
        StringBuilder html = new StringBuilder("<!doctype html><html><body><h1>").append(e(m.subject())).append("</h1>");
        m.through().ifPresent(t -> html.append("<p><strong>").append(e(t)).append("</strong></p>"));
        html.append("<p>").append(e(m.documentTitle())).append(", version ").append(m.fromNumber()).append(" → ").append(m.toNumber())
                .append(": ").append(e(m.reasons())).append("</p>");
        if (!m.effectiveDate().isEmpty()) html.append("<p>Effective date: ").append(e(m.effectiveDate())).append("</p>");
        if (!m.topics().isEmpty()) html.append("<p>Topics: ").append(e(String.join(", ", m.topics()))).append("</p>");
        html.append("<ul>");
        for (Alert.Item item : m.changes()) {
            html.append("<li><p>").append(e(item.kind())).append(" ");
            if (item.link() != null) html.append("<a href=\"").append(e(baseUrl + item.link())).append("\">");
            html.append("<code>").append(e(item.provisionId())).append("</code>");
            if (item.link() != null) html.append("</a>");
            if (!item.trail().isEmpty()) html.append(" — ").append(e(String.join(" › ", item.trail())));
            html.append(": ").append(e(item.reason()));
            if (!item.exposure().isEmpty()) html.append(" (exposure ").append(e(item.exposure())).append(")");
            html.append("</p>");
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
