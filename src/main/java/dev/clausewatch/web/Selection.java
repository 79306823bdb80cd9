package dev.clausewatch.web;

import dev.clausewatch.archive.Archive;
import dev.clausewatch.change.DocumentChanges.VersionProvisions;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.DocumentType;
import dev.clausewatch.registry.PlatformId;
import dev.clausewatch.search.SearchQuery;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * What a request selects, shared by pages and API: the document of the path, versions by number,
 * hash prefix or date, a search, and paging. Anything it cannot find is a {@link WebServer.NotFound}
 * sentence; a malformed parameter is an {@link IllegalArgumentException} naming the parameter.
 */
final class Selection {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** Two versions to compare. */
    record Pair(VersionProvisions from, VersionProvisions to) {}

    private final ArchiveView view;

    Selection(ArchiveView view) {
        this.view = view;
    }

    Document document(Context ctx) {
        return document(ctx, ctx.pathParam("type"));
    }

    Document document(Context ctx, String typeSlug) {
        DocumentId id;
        try {
            id = new DocumentId(new PlatformId(ctx.pathParam("platform")), DocumentType.fromSlug(typeSlug));
        } catch (IllegalArgumentException e) {
            throw new WebServer.NotFound("No document " + ctx.pathParam("platform") + "/" + typeSlug + " is tracked: " + e.getMessage() + ".");
        }
        return view.registry().document(id).orElseThrow(() -> new WebServer.NotFound("No document " + id + " is tracked."));
    }

    /** A document named as PLATFORM/DOCUMENT (its id, or the platform and the type's slug). */
    Document document(String named) {
        DocumentId id;
        try {
            id = DocumentId.parse(named);
        } catch (IllegalArgumentException e) {
            throw new WebServer.NotFound("No document " + named + " is tracked: " + e.getMessage() + ".");
        }
        return view.registry().document(id).orElseThrow(() -> new WebServer.NotFound("No document " + id + " is tracked."));
    }

    /** The intended use of a check: {@code use}, {@code platforms} (comma-separated ids) and optional {@code jurisdictions}. */
    static dev.clausewatch.check.IntendedUse intendedUse(Context ctx) {
        // Comma-separated or repeated (a form's check boxes), or both.
        String use = ctx.queryParam("use"), platforms = String.join(",", ctx.queryParams("platforms"));
        String jurisdictions = String.join(",", ctx.queryParams("jurisdictions"));
        if (use == null || use.isBlank()) throw new IllegalArgumentException("The parameter use must say what you plan to do, e.g. use=pre-screen job applicants.");
        if (platforms.isBlank()) throw new IllegalArgumentException("The parameter platforms must name the platforms the use relies on, e.g. platforms=chatgpt,claude-ai.");
        try {
            return new dev.clausewatch.check.IntendedUse(use, dev.clausewatch.check.IntendedUse.platforms(platforms),
                    java.util.Arrays.asList(jurisdictions.split(",")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The check cannot be made: " + e.getMessage() + ".");
        }
    }

    /** The versions {@code from} and {@code to} name; by default the latest and the one before it. */
    Pair pair(Context ctx, Document document, List<VersionProvisions> history) {
        VersionProvisions to = version(document, history, ctx.queryParam("to"));
        VersionProvisions from = ctx.queryParam("from") == null ? history.get(Math.max(0, to.entry().number() - 2))
                : version(document, history, ctx.queryParam("from"));
        return new Pair(from, to);
    }

    /** A version of {@code history} by number (1 = oldest), hash prefix, or date (in force then); the latest when absent. */
    VersionProvisions version(Document document, List<VersionProvisions> history, String selector) {
        if (selector == null) return history.getLast();
        if (selector.matches("\\d{1,5}")) {
            int n = Integer.parseInt(selector);
            if (n < 1 || n > history.size()) {
                throw new WebServer.NotFound("No version " + n + " of " + document.id() + ": it has versions 1 to " + history.size() + ".");
            }
            return history.get(n - 1);
        }
        if (selector.matches("[0-9a-f]{6,64}")) {
            return history.stream().filter(v -> v.entry().version().contentSha256().startsWith(selector)).findFirst()
                    .orElseThrow(() -> new WebServer.NotFound("No version of " + document.id() + " has a hash starting " + selector + "."));
        }
        return inForce(document, history, selector);
    }

    /** The version of {@code history} in force at the end of {@code date} (YYYY-MM-DD, or an ISO instant). */
    VersionProvisions inForce(Document document, List<VersionProvisions> history, String date) {
        return view.changes().inForce(document.id(), Archive.endOf(date)).orElseThrow(() -> new WebServer.NotFound(
                "No version of " + document.id() + " in force on " + date + "."));
    }

    /** The search asked for by {@code q}, {@code platform}, {@code type}, {@code topic}, {@code since}, {@code until}, {@code past}, {@code limit}, {@code offset}. */
    static SearchQuery searchQuery(Context ctx, int defaultLimit) {
        return new SearchQuery(ctx.queryParam("q"), optional(ctx, "platform"), optional(ctx, "type"), optional(ctx, "topic"),
                date(ctx, "since"), date(ctx, "until"), "on".equals(ctx.queryParam("past")) || "true".equals(ctx.queryParam("past")),
                intParam(ctx, "limit", defaultLimit, 1, MAX_LIMIT), intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE));
    }

    /**
     * The part of a list that {@code limit} and {@code offset} ask for. The body stays as it was;
     * the total goes in {@code X-Total-Count} and the other pages' addresses in {@code Link}.
     */
    static <T> List<T> page(Context ctx, List<T> all) {
        return page(ctx, all, DEFAULT_LIMIT);
    }

    /** {@link #page(Context, List)} with another default size. */
    static <T> List<T> page(Context ctx, List<T> all, int defaultLimit) {
        int limit = intParam(ctx, "limit", defaultLimit, 1, Math.max(MAX_LIMIT, defaultLimit));
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        paged(ctx, all.size(), limit, offset);
        int from = Math.min(offset, all.size());
        return all.subList(from, (int) Math.min(all.size(), (long) offset + limit));
    }

    /** The list whole unless {@code limit} or {@code offset} ask for a part: for lists whose callers have always had them whole. */
    static <T> List<T> pageWhenAsked(Context ctx, List<T> all) {
        boolean asked = ctx.queryParam("limit") != null || ctx.queryParam("offset") != null;
        return page(ctx, all, asked ? DEFAULT_LIMIT : Math.max(1, all.size()));
    }

    /**
     * {@code X-Total-Count} and a {@code Link} header (RFC 8288) to the first, previous, next and
     * last pages, each address keeping the request's other parameters (a search's words and filters).
     */
    static void paged(Context ctx, long total, int limit, int offset) {
        ctx.header("X-Total-Count", String.valueOf(total));
        long last = total == 0 ? 0 : (total - 1) / limit * limit;
        List<String> links = new java.util.ArrayList<>();
        links.add(link(ctx, limit, 0, "first"));
        if (offset > 0) links.add(link(ctx, limit, Math.max(0, offset - limit), "prev"));
        if ((long) offset + limit < total) links.add(link(ctx, limit, (long) offset + limit, "next"));
        links.add(link(ctx, limit, last, "last"));
        ctx.header("Link", String.join(", ", links));
    }

    private static String link(Context ctx, int limit, long offset, String rel) {
        StringBuilder query = new StringBuilder();
        ctx.queryParamMap().forEach((name, values) -> {
            if (name.equals("limit") || name.equals("offset")) return;
            for (String value : values) query.append(encode(name)).append('=').append(encode(value)).append('&');
        });
        query.append("limit=").append(limit).append("&offset=").append(offset);
        return "<" + ctx.path() + "?" + query + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Optional<String> optional(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).filter(v -> !v.isBlank());
    }

    private static Optional<LocalDate> date(Context ctx, String name) {
        return optional(ctx, name).map(v -> {
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("The parameter " + name + "=" + v + " must be a date written YYYY-MM-DD.");
            }
        });
    }

    static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null) return fallback;
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("The parameter " + name + "=" + value + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ".");
    }
}
