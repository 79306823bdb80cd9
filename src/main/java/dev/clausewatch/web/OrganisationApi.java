package dev.clausewatch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.clausewatch.account.Access;
import dev.clausewatch.account.Memberships;
import dev.clausewatch.account.OrganisationRecords;
import dev.clausewatch.account.Refused;
import dev.clausewatch.alert.Channel;
import dev.clausewatch.alert.DigestSchedule;
import dev.clausewatch.alert.Watch;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An organisation's records under {@code /api/v1/orgs/{org}}: with an API token
 * ({@code Authorization: Bearer cwt_…}, its scopes deciding) or a signed-in session (the role
 * deciding, the CSRF secret in {@code X-CSRF-Token} for changes). Someone not part of the
 * organisation gets 404, as for one that does not exist.
 */
final class OrganisationApi {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A route: its path and method. */
    record Route(HandlerType method, String path) {}

    private final Signed signed;
    private final Memberships memberships;
    private final OrganisationRecords records;

    OrganisationApi(Signed signed, Memberships memberships, OrganisationRecords records) {
        this.signed = signed;
        this.memberships = memberships;
        this.records = records;
    }

    Map<Route, Handler> routes() {
        String org = "/api/v1/orgs/{org}";
        Map<Route, Handler> routes = new LinkedHashMap<>();
        routes.put(new Route(HandlerType.GET, org), ctx -> json(ctx, organisation(access(ctx))));
        routes.put(new Route(HandlerType.GET, org + "/watches"), ctx -> json(ctx, Selection.page(ctx, records.watches(access(ctx)))));
        // Each change asks who is asking before reading what was sent: a stranger is 401 whatever the body.
        routes.put(new Route(HandlerType.POST, org + "/watches"), ctx -> {
            Access access = access(ctx);
            JsonNode body = body(ctx);
            records.watch(access, Watch.parse(text(body, "kind"), text(body, "target")));
            ctx.status(201);
            json(ctx, records.watches(access));
        });
        routes.put(new Route(HandlerType.DELETE, org + "/watches"), ctx -> {
            records.unwatch(access(ctx), Watch.parse(required(ctx.queryParam("kind"), "kind"), required(ctx.queryParam("target"), "target")));
            ctx.status(204);
        });
        routes.put(new Route(HandlerType.GET, org + "/alerts"), ctx -> json(ctx, Selection.page(ctx, records.alerts(access(ctx)))));
        routes.put(new Route(HandlerType.GET, org + "/alerts/{alert}"), ctx -> json(ctx, records.alert(access(ctx), ctx.pathParam("alert"))));
        routes.put(new Route(HandlerType.GET, org + "/deliveries"), ctx -> json(ctx, Selection.page(ctx, records.deliveries(access(ctx)))));
        routes.put(new Route(HandlerType.GET, org + "/channels"), ctx -> json(ctx, Selection.page(ctx, records.channels(access(ctx)))));
        routes.put(new Route(HandlerType.POST, org + "/channels"), ctx -> {
            Access access = access(ctx);
            JsonNode body = body(ctx);
            Channel.Kind kind = kind(text(body, "kind"));
            ctx.status(201);
            json(ctx, records.addChannel(access, kind, text(body, "id"), text(body, "address")));
        });
        routes.put(new Route(HandlerType.DELETE, org + "/channels/{channel}"), ctx -> {
            records.removeChannel(access(ctx), ctx.pathParam("channel"));
            ctx.status(204);
        });
        routes.put(new Route(HandlerType.POST, org + "/channels/{channel}/test"), ctx -> {
            ctx.status(202);
            json(ctx, records.sendTest(access(ctx), ctx.pathParam("channel")));
        });
        routes.put(new Route(HandlerType.GET, org + "/digest"), ctx -> json(ctx, digest(ctx)));
        routes.put(new Route(HandlerType.PUT, org + "/digest"), ctx -> {
            Access access = access(ctx);
            JsonNode body = body(ctx);
            records.digestAt(access, DigestSchedule.parse(text(body, "day"), body.path("hour").asInt(-1), text(body, "timeZone")));
            json(ctx, organisation(access));
        });
        routes.put(new Route(HandlerType.GET, org + "/members"), ctx -> json(ctx, Selection.page(ctx, memberships.members(access(ctx))).stream()
                .map(m -> Map.of("email", m.user().email(), "name", m.user().name(), "role", m.role().label())).toList()));
        return routes;
    }

    /** The access a request has: its API token's, else its session's (a change also needs the CSRF secret). */
    Access access(Context ctx) {
        String organisation = ctx.pathParam("org");
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new Refused(Refused.Kind.UNAUTHENTICATED, "the Authorization header is \"Bearer cwt_…\"");
            }
            return memberships.access(authorization.substring(7).strip(), organisation);
        }
        var session = signed.session(ctx).orElseThrow(() -> new Refused(Refused.Kind.UNAUTHENTICATED,
                "send an API token (Authorization: Bearer cwt_…) or sign in"));
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) Signed.checkCsrf(ctx, session);
        return memberships.access(session.user(), organisation);
    }

    private Map<String, Object> organisation(Access access) {
        var o = records.organisation(access);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", o.id());
        body.put("name", o.name());
        body.put("plan", o.plan().label());
        body.put("digest", Map.of("day", o.digest().day().name().toLowerCase(Locale.ROOT), "hour", o.digest().hour(), "timeZone", o.digest().zone().getId()));
        body.put("digestedUntil", o.digestedUntil().map(Object::toString).orElse(null));
        return body;
    }

    private Map<String, Object> digest(Context ctx) {
        var d = records.digestPreview(access(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", d.subject());
        body.put("periodStart", d.periodStart().toString());
        body.put("periodEnd", d.periodEnd().toString());
        body.put("byTopic", d.byTopic());
        body.put("byPlatform", d.byPlatform());
        return body;
    }

    private static void json(Context ctx, Object value) throws Exception {
        ctx.contentType("application/json").result(JSON.writeValueAsString(value));
    }

    private static JsonNode body(Context ctx) {
        try {
            if (ctx.body().length() > 65_536) throw new Refused(Refused.Kind.INVALID, "the request body is larger than 64 KiB");
            JsonNode node = JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) throw new Refused(Refused.Kind.INVALID, "the request body is a JSON object");
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refused(Refused.Kind.INVALID, "the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        return Optional.ofNullable(body.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .orElseThrow(() -> new Refused(Refused.Kind.INVALID, "the request body needs \"" + field + "\", a string"));
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) throw new Refused(Refused.Kind.INVALID, "the query needs " + name);
        return value;
    }

    static Channel.Kind kind(String kind) {
        try {
            return Channel.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.INVALID, "\"" + kind + "\" is not a kind of channel: use email, webhook or slack");
        }
    }
}
