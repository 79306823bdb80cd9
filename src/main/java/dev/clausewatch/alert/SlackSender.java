package dev.clausewatch.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Posts an alert to a Slack incoming webhook as Block Kit: a header with the subject, the
 * incorporation path when there is one, one section per changed provision with its quotes, and
 * links to the change and to each provision. Slack's limits are kept (3,000 characters a section,
 * 50 blocks): long quotes are cut with an ellipsis, and past 20 provisions the message says how many
 * more the change page shows. Incoming webhooks take no idempotency key, so a retry after a lost
 * answer can show a message twice; the plain text repeats the subject for notifications.
 */
public final class SlackSender implements Sender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ITEMS = 20;
    private static final int MAX_QUOTE = 1_200;

    private final HttpClient http;
    private final Destinations destinations;
    private final String baseUrl;

    public SlackSender(HttpClient http, Destinations destinations, String baseUrl) {
        this.http = http;
        this.destinations = destinations;
        this.baseUrl = baseUrl;
    }

    @Override
    public void send(Channel channel, Notice notice, String idempotencyKey) throws Failure {
        destinations.check(URI.create(channel.address()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(channel.address())).timeout(WebhookSender.TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(blocks(notice, baseUrl).toString(), StandardCharsets.UTF_8)).build();
        WebhookSender.post(http, request, "Slack");
    }

    /** The Block Kit message of an alert or a digest. */
    public static ObjectNode blocks(Notice notice, String baseUrl) {
        return switch (notice) {
            case Alert a -> blocks(a, baseUrl);
            case Digest d -> blocks(d, baseUrl);
        };
    }

    /** A digest: a header, the count by topic, and one section per platform listing its changes with links. */
    static ObjectNode blocks(Digest d, String baseUrl) {
        ObjectNode message = JSON.createObjectNode().put("text", d.subject());
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", cut(d.subject(), 150));
        if (!d.byTopic().isEmpty()) {
            StringBuilder topics = new StringBuilder("*By topic*");
            d.byTopic().forEach((topic, n) -> topics.append("\n• ").append(escape(topic)).append(": ").append(n));
            section(blocks, topics.toString());
        }
        for (var platform : d.byPlatform().entrySet()) {
            if (blocks.size() >= 48) break;
            StringBuilder text = new StringBuilder("*").append(escape(platform.getKey())).append("*");
            for (Alert a : platform.getValue()) {
                text.append("\n• <").append(baseUrl).append(a.message().link()).append("|").append(escape(a.message().subject())).append(">");
            }
            section(blocks, text.toString());
        }
        return message;
    }

    private static ObjectNode blocks(Alert alert, String baseUrl) {
        Alert.Message m = alert.message();
        ObjectNode message = JSON.createObjectNode().put("text", m.subject());
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", cut(m.subject(), 150));
        StringBuilder lead = new StringBuilder();
        m.through().ifPresent(t -> lead.append("*").append(escape(t)).append("*\n"));
        lead.append(escape(m.documentTitle())).append(", version ").append(m.fromNumber()).append(" → ").append(m.toNumber())
                .append(": ").append(escape(m.reasons()));
        if (!m.effectiveDate().isEmpty()) lead.append("\nEffective date: ").append(escape(m.effectiveDate()));
        if (!m.topics().isEmpty()) lead.append("\nTopics: ").append(escape(String.join(", ", m.topics())));
        section(blocks, lead.toString());
        for (Alert.Item item : m.changes().subList(0, Math.min(MAX_ITEMS, m.changes().size()))) {
            StringBuilder text = new StringBuilder("*").append(escape(item.kind())).append("* ");
            text.append(item.link() == null ? "`" + item.provisionId() + "`" : "<" + baseUrl + item.link() + "|" + item.provisionId() + ">");
            if (!item.trail().isEmpty()) text.append(" — ").append(escape(String.join(" › ", item.trail())));
            quote(text, "Before", item.before());
            quote(text, "After", item.after());
            section(blocks, text.toString());
        }
        if (m.changes().size() > MAX_ITEMS) {
            section(blocks, (m.changes().size() - MAX_ITEMS) + " more provisions changed: the change page lists them all.");
        }
        ObjectNode actions = blocks.addObject().put("type", "actions");
        actions.putArray("elements").addObject().put("type", "button").put("url", baseUrl + m.link())
                .putObject("text").put("type", "plain_text").put("text", "See the change");
        return message;
    }

    private static void quote(StringBuilder text, String label, Optional<String> quote) {
        quote.ifPresent(q -> text.append("\n").append(label).append(":\n>").append(escape(cut(q, MAX_QUOTE)).replace("\n", "\n>")));
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", cut(mrkdwn, 3_000));
    }

    /** Slack's three control characters, as its documentation asks. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
