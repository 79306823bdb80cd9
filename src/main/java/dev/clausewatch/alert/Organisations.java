package dev.clausewatch.alert;

import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.knowledge.Regulation;
import dev.clausewatch.registry.DocumentId;
import dev.clausewatch.registry.Registry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * Administration of organisations: the one place plans are enforced. A refusal is an
 * {@link IllegalArgumentException} whose message names the limit and the plan that lifts it.
 */
public final class Organisations {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AlertStore store;
    private final Registry registry;
    private final Knowledge knowledge;
    private final Destinations destinations;
    private final Clock clock;

    public Organisations(AlertStore store, Registry registry, Knowledge knowledge, Destinations destinations, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.knowledge = knowledge;
        this.destinations = destinations;
        this.clock = clock;
    }

    public Organisation create(String id, String name, Plan plan) {
        checkId("an organisation", id);
        if (store.organisation(id).isPresent()) throw new IllegalArgumentException("the organisation " + id + " exists already");
        Organisation organisation = new Organisation(id, name, plan);
        store.create(organisation, clock.instant());
        return organisation;
    }

    public Organisation get(String id) {
        return store.organisation(id).orElseThrow(() -> new IllegalArgumentException("there is no organisation " + id));
    }

    /** Sets when the organisation's weekly digest goes out. */
    public void digestAt(String id, DigestSchedule schedule) {
        get(id);
        store.changeDigestSchedule(id, schedule);
    }

    /** Changes the plan; watches beyond the new plan's limits are kept but refused from now on. */
    public void changePlan(String id, Plan plan) {
        get(id);
        store.changePlan(id, plan);
    }

    /** Adds a watch if the organisation's plan allows it, naming the limit and the plan that lifts it when it does not. */
    public void watch(String id, Watch watch) {
        Organisation organisation = get(id);
        checkExists(watch);
        Set<String> platforms = new HashSet<>();
        for (Watch w : store.watches(id)) w.platform().ifPresent(platforms::add);
        watch.platform().ifPresent(platforms::add);
        organisation.plan().refusal(watch, platforms.size()).ifPresent(sentence -> {
            throw new IllegalArgumentException(sentence);
        });
        store.watch(id, watch, clock.instant());
    }

    private void checkExists(Watch watch) {
        switch (watch.kind()) {
            case PLATFORM -> registry.platform(new dev.clausewatch.registry.PlatformId(watch.target()))
                    .orElseThrow(() -> new IllegalArgumentException("there is no platform " + watch.target()));
            case DOCUMENT -> registry.document(DocumentId.parse(watch.target()))
                    .orElseThrow(() -> new IllegalArgumentException("there is no document " + watch.target()));
            case PROVISION -> {
                String document = watch.target().substring(0, Math.max(0, watch.target().indexOf('#')));
                if (document.isEmpty()) throw new IllegalArgumentException("a provision watch is DOCUMENT#PROVISION-ID, not " + watch.target());
                registry.document(DocumentId.parse(document)).orElseThrow(() -> new IllegalArgumentException("there is no document " + document));
            }
            case TOPIC -> knowledge.topic(watch.target()).orElseThrow(() -> new IllegalArgumentException("there is no topic " + watch.target()
                    + "; `clausewatch topics` lists them"));
            case USE -> watch.intendedUse().platforms().forEach(p -> registry.platform(p)
                    .orElseThrow(() -> new IllegalArgumentException("there is no platform " + p.value())));
            case REGULATION -> {
                String[] parts = watch.target().split("#", 2);
                Regulation regulation = knowledge.regulation(parts[0]).orElseThrow(() -> new IllegalArgumentException("there is no regulation "
                        + parts[0] + "; `clausewatch regulations` lists them"));
                if (parts.length == 2 && regulation.keyProvisions().stream().noneMatch(k -> k.ref().equals(parts[1]))) {
                    throw new IllegalArgumentException(regulation.shortName() + " has no key provision \"" + parts[1] + "\"; its key provisions are "
                            + String.join(", ", regulation.keyProvisions().stream().map(Regulation.KeyProvision::ref).toList()));
                }
            }
        }
    }

    private void checkNewChannel(String organisation, String channelId) {
        checkId("a channel", channelId);
        if (store.channels(organisation).stream().anyMatch(c -> c.id().equals(channelId))) {
            throw new IllegalArgumentException(organisation + " has a channel " + channelId + " already");
        }
    }

    private static void checkId(String what, String id) {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("\"" + id + "\" is not " + what + " id: lower-case letters, digits and hyphens, at most 63");
        }
    }

    /** Adds an e-mail channel. */
    public Channel email(String id, String channelId, String address) {
        get(id);
        checkNewChannel(id, channelId);
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) throw new IllegalArgumentException("\"" + address + "\" is not an e-mail address");
        Channel channel = new Channel(id, channelId, Channel.Kind.EMAIL, address, java.util.Optional.empty());
        store.add(channel, clock.instant());
        return channel;
    }

    /** Adds a webhook channel with a new signing secret, which the caller shows once. */
    public Channel webhook(String id, String channelId, java.net.URI url) {
        get(id);
        checkNewChannel(id, channelId);
        checkDestination(url);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Channel channel = new Channel(id, channelId, Channel.Kind.WEBHOOK, url.toString(),
                java.util.Optional.of("whsec_" + Base64.getEncoder().encodeToString(key)));
        store.add(channel, clock.instant());
        return channel;
    }

    /** Adds a Slack incoming webhook. */
    public Channel slack(String id, String channelId, java.net.URI url) {
        get(id);
        checkNewChannel(id, channelId);
        checkDestination(url);
        Channel channel = new Channel(id, channelId, Channel.Kind.SLACK, url.toString(), java.util.Optional.empty());
        store.add(channel, clock.instant());
        return channel;
    }

    private void checkDestination(java.net.URI url) {
        try {
            destinations.refusal(url).ifPresent(sentence -> {
                throw new IllegalArgumentException(sentence);
            });
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("the webhook URL " + url + " names a host that does not resolve: " + url.getHost());
        }
    }
}
