package dev.clausewatch.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A weekly digest: the alerts an organisation was not told of the same day, from the end of its
 * last digest to this one's due time, grouped by platform and by topic.
 */
public record Digest(String id, String organisation, Instant periodStart, Instant periodEnd, List<Alert> alerts) implements Notice {
    public Digest {
        alerts = List.copyOf(alerts);
    }

    public static String idOf(String organisation, Instant periodEnd) {
        return "digest:" + organisation + ":" + periodEnd;
    }

    @Override
    public String subject() {
        int platforms = byPlatform().size();
        return "Weekly digest: " + alerts.size() + " substantive change" + (alerts.size() == 1 ? "" : "s") + " on " + platforms + " platform"
                + (platforms == 1 ? "" : "s") + ", " + periodStart.toString().substring(0, 10) + " to " + periodEnd.toString().substring(0, 10);
    }

    /** The alerts by platform (alphabetical), oldest first within each. */
    public Map<String, List<Alert>> byPlatform() {
        Map<String, List<Alert>> grouped = new TreeMap<>();
        for (Alert a : alerts) grouped.computeIfAbsent(a.document().substring(0, a.document().indexOf('/')), k -> new ArrayList<>()).add(a);
        return grouped;
    }

    /** How many alerts touch each topic, most first. */
    public Map<String, Integer> byTopic() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Alert a : alerts) for (String topic : a.message().topics()) counts.merge(topic, 1, Integer::sum);
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
