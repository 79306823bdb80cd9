package dev.clausewatch.alert;

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
    private final Clock clock;

    public Organisations(AlertStore store, Registry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public Organisation create(String id, String name, Plan plan) {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("\"" + id + "\" is not an organisation id: lower-case letters, digits and hyphens, at most 63");
        }
        if (store.organisation(id).isPresent()) throw new IllegalArgumentException("the organisation " + id + " exists already");
        Organisation organisation = new Organisation(id, name, plan);
        store.create(organisation, clock.instant());
        return organisation;
    }

    public Organisation get(String id) {
        return store.organisation(id).orElseThrow(() -> new IllegalArgumentException("there is no organisation " + id));
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
        for (Watch w : store.watches(id)) platforms.add(w.platform());
        platforms.add(watch.platform());
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
        }
    }

    /** Adds an e-mail channel. */
    public Channel email(String id, String channelId, String address) {
        get(id);
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) throw new IllegalArgumentException("\"" + address + "\" is not an e-mail address");
        Channel channel = new Channel(id, channelId, Channel.Kind.EMAIL, address, java.util.Optional.empty());
        store.add(channel, clock.instant());
        return channel;
    }

    /** Adds a webhook channel with a new signing secret, which the caller shows once. */
    public Channel webhook(String id, String channelId, java.net.URI url) {
        get(id);
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("a webhook is an http(s) URL, not " + url);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Channel channel = new Channel(id, channelId, Channel.Kind.WEBHOOK, url.toString(),
                java.util.Optional.of("whsec_" + Base64.getEncoder().encodeToString(key)));
        store.add(channel, clock.instant());
        return channel;
    }
}
