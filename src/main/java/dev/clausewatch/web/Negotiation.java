package dev.clausewatch.web;

import io.javalin.http.Context;
import java.util.Locale;
import org.eclipse.jetty.http.QuotedQualityCSV;

/**
 * Proactive negotiation (RFC 9110 §12.5.1): each route has one media type, so negotiation is only
 * the check that the client's {@code Accept} allows it; when it does not, the answer is 406
 * rather than a body the client said it cannot use. No {@code Accept} accepts everything.
 */
final class Negotiation {
    private Negotiation() {}

    /** Whether {@code accept} (ordered and parsed by Jetty, q=0 ranges dropped) admits {@code mediaType}. */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null || accept.isBlank() || mediaType == null) return true;
        String type = essence(mediaType);
        QuotedQualityCSV ranges = new QuotedQualityCSV();
        ranges.addValue(accept);
        for (String range : ranges.getValues()) {
            String r = essence(range);
            if (r.equals("*/*") || r.equals(type)) return true;
            if (r.endsWith("/*") && type.startsWith(r.substring(0, r.length() - 1))) return true;
            // A client that takes JSON takes problem details and other +json types too (RFC 6839 §4.1 suffixes).
            if (r.equals("application/json") && type.endsWith("+json")) return true;
            if (r.equals("application/xml") && type.endsWith("+xml")) return true;
        }
        return false;
    }

    /** {@code type/subtype} in lower case, without parameters. */
    static String essence(String mediaType) {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
