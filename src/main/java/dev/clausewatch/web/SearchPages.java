package dev.clausewatch.web;

import dev.clausewatch.search.SearchQuery;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Where a page of search results sits among all of them: "21–40 of 57", and the addresses of the
 * previous and next pages (the same query string with another offset; null at either end).
 */
public record SearchPages(long first, long last, long total, String previous, String next) {
    static final SearchPages NONE = new SearchPages(0, 0, 0, null, null);

    static SearchPages of(Context ctx, SearchQuery query, long total) {
        long first = total == 0 ? 0 : query.offset() + 1;
        long last = Math.min(total, query.offset() + query.limit());
        String previous = query.offset() > 0 ? link(ctx, Math.max(0, query.offset() - query.limit())) : null;
        String next = last < total ? link(ctx, query.offset() + query.limit()) : null;
        return new SearchPages(first, last, total, previous, next);
    }

    /** The request's own parameters with {@code offset} replaced, so every filter carries over. */
    private static String link(Context ctx, int offset) {
        String others = ctx.queryParamMap().entrySet().stream().filter(e -> !e.getKey().equals("offset"))
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        return ctx.path() + "?" + (others.isEmpty() ? "" : others + "&") + "offset=" + offset;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
