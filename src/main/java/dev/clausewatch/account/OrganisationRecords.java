package dev.clausewatch.account;

import dev.clausewatch.alert.Alert;
import dev.clausewatch.alert.AlertStore;
import dev.clausewatch.alert.Channel;
import dev.clausewatch.alert.Delivery;
import dev.clausewatch.alert.Digest;
import dev.clausewatch.alert.DigestSchedule;
import dev.clausewatch.alert.Digests;
import dev.clausewatch.alert.Organisation;
import dev.clausewatch.alert.Organisations;
import dev.clausewatch.alert.Watch;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An organisation's own records — watchlist, alerts and their deliveries, channels, digest
 * settings, feedback, private feed — each read or change checked against an {@link Access} first,
 * and every record looked up within that organisation only: there is no path from one
 * organisation's access to another's records.
 */
public final class OrganisationRecords {
    private final AlertStore alerts;
    private final Organisations organisations;
    private final Digests digests;
    private final AccountStore accounts;
    private final Clock clock;

    public OrganisationRecords(AlertStore alerts, Organisations organisations, Digests digests, AccountStore accounts, Clock clock) {
        this.alerts = alerts;
        this.organisations = organisations;
        this.digests = digests;
        this.accounts = accounts;
        this.clock = clock;
    }

    public Organisation organisation(Access access) {
        access.require(Permission.READ);
        return organisations.get(access.organisation());
    }

    public List<AlertStore.Watching> watches(Access access) {
        access.require(Permission.READ);
        return alerts.watching(access.organisation());
    }

    /** Adds a watch, or refuses it with the plan's sentence. */
    public void watch(Access access, Watch watch) {
        access.require(Permission.WATCH);
        invalidIfRefused(() -> {
            organisations.watch(access.organisation(), watch);
            return null;
        });
    }

    public void unwatch(Access access, Watch watch) {
        access.require(Permission.WATCH);
        alerts.unwatch(access.organisation(), watch);
    }

    public List<Alert> alerts(Access access) {
        access.require(Permission.READ);
        return alerts.alerts(access.organisation());
    }

    public Alert alert(Access access, String alertId) {
        access.require(Permission.READ);
        return alerts.alert(alertId).filter(a -> a.organisation().equals(access.organisation()))
                .orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "there is no alert " + alertId + " in " + access.organisation()));
    }

    public List<Delivery> deliveries(Access access) {
        access.require(Permission.READ);
        return alerts.deliveries(access.organisation());
    }

    /**
     * The channels, without webhook secrets (shown once, when the channel is added); a webhook's or
     * Slack's URL is itself a secret (whoever has it can post there), so only those who manage
     * channels see more than its host.
     */
    public List<Channel> channels(Access access) {
        access.require(Permission.READ);
        boolean manages = access.may(Permission.MANAGE_CHANNELS);
        return alerts.channels(access.organisation()).stream().map(c -> new Channel(c.organisation(), c.id(), c.kind(),
                manages || c.kind() == Channel.Kind.EMAIL ? c.address() : URI.create(c.address()).getScheme() + "://" + URI.create(c.address()).getHost() + "/…",
                c.secret().map(s -> "whsec_…"))).toList();
    }

    /** Adds a channel; a webhook's signing secret is in the returned channel, this once. */
    public Channel addChannel(Access access, Channel.Kind kind, String channelId, String address) {
        access.require(Permission.MANAGE_CHANNELS);
        return invalidIfRefused(() -> switch (kind) {
            case EMAIL -> organisations.email(access.organisation(), channelId, address);
            case WEBHOOK -> organisations.webhook(access.organisation(), channelId, uri(address));
            case SLACK -> organisations.slack(access.organisation(), channelId, uri(address));
        });
    }

    public void removeChannel(Access access, String channelId) {
        access.require(Permission.MANAGE_CHANNELS);
        channel(access, channelId);
        alerts.removeChannel(access.organisation(), channelId);
    }

    /** Queues a test message to one channel, delivered and logged like any alert. */
    public Alert sendTest(Access access, String channelId) {
        access.require(Permission.MANAGE_CHANNELS);
        Channel channel = channel(access, channelId);
        java.time.Instant now = clock.instant();
        Alert test = new Alert("test:" + access.organisation() + ":" + channelId + ":" + now, access.organisation(), "test", "clausewatch/test",
                Alert.Cadence.SAME_DAY, new Alert.Message("Clausewatch test message for " + channel.id(), "clausewatch/test", "Test message",
                        Optional.of("This is a test of the " + channel.kind().name().toLowerCase(java.util.Locale.ROOT) + " channel " + channel.id()
                                + "; nothing changed."), 0, 0, now, "a test sent by " + access.actor(), "/", List.of(), List.of(), ""), now);
        alerts.record(test, List.of(channelId), now);
        return test;
    }

    public void digestAt(Access access, DigestSchedule schedule) {
        access.require(Permission.MANAGE_CHANNELS);
        organisations.digestAt(access.organisation(), schedule);
    }

    /** The weekly digest as it would go out now. */
    public Digest digestPreview(Access access) {
        return digests.preview(organisation(access));
    }

    /** A person's "relevant / not relevant" on an alert of the organisation. */
    public void feedback(Access access, User user, String alertId, boolean relevant, Optional<String> reason) {
        access.require(Permission.FEEDBACK);
        alert(access, alertId);
        String why = reason.map(String::strip).filter(r -> !r.isEmpty()).map(r -> r.length() > 500 ? r.substring(0, 500) : r).orElse(null);
        accounts.feedback(new AccountStore.Feedback(alertId, user.id(), relevant, Optional.ofNullable(why), clock.instant()));
    }

    /** A new secret address for the organisation's private Atom feed; earlier addresses stop working. */
    public String renewFeed(Access access) {
        access.require(Permission.MANAGE_CHANNELS);
        accounts.revokeFeeds(access.organisation(), clock.instant());
        String secret = Secrets.create("cwf_");
        accounts.createFeed(access.organisation(), Secrets.hash(secret), clock.instant());
        return "/feeds/alerts/" + secret + ".atom";
    }

    public void revokeFeed(Access access) {
        access.require(Permission.MANAGE_CHANNELS);
        accounts.revokeFeeds(access.organisation(), clock.instant());
    }

    /**
     * What a private feed's secret opens: the organisation, when the address was made, and its alerts.
     * The organisation names the feed for good (a new address is the same feed); the date is the
     * feed's own when it has no alert yet.
     */
    public record AlertFeed(String organisation, java.time.Instant since, List<Alert> alerts) {
        public AlertFeed {
            alerts = List.copyOf(alerts);
        }
    }

    /** The private feed a secret opens, or refused as not found. */
    public AlertFeed feed(String secret) {
        AccountStore.FeedAddress address = Optional.ofNullable(secret).filter(s -> s.startsWith("cwf_") && s.length() < 200)
                .flatMap(s -> accounts.feedAddress(Secrets.hash(s)))
                .orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "there is no such feed (it may have been revoked)"));
        return new AlertFeed(address.organisation(), address.createdAt(), alerts.alerts(address.organisation()));
    }

    private Channel channel(Access access, String channelId) {
        return alerts.channels(access.organisation()).stream().filter(c -> c.id().equals(channelId)).findFirst()
                .orElseThrow(() -> new Refused(Refused.Kind.NOT_FOUND, "there is no channel " + channelId + " in " + access.organisation()));
    }

    private static URI uri(String address) {
        try {
            return URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.INVALID, "\"" + address + "\" is not a URL");
        }
    }

    private static <T> T invalidIfRefused(Supplier<T> action) {
        try {
            return action.get();
        } catch (Refused e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Kind.INVALID, e.getMessage());
        }
    }
}
