package dev.clausewatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.provision.Provision;
import dev.clausewatch.provision.ProvisionParser;
import dev.clausewatch.registry.Document;
import dev.clausewatch.registry.DocumentId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeersTest {
    private final ProvisionParser parser = new ProvisionParser();

    @Test
    void the_closest_provision_on_the_same_topic_comes_first_and_the_own_platform_is_left_out() {
        Provision mine = parser.parse("You may not use the services to build weapons or for military purposes.\n").getFirst();
        Map<Document, List<Provision>> candidates = new LinkedHashMap<>();
        candidates.put(new Document(DocumentId.parse("acme/usage-policy"), "Acme"), parser.parse(
                "Do not use our models to develop or use weapons, including explosives and chemical weapons.\n\nWe love feedback.\n"));
        candidates.put(new Document(DocumentId.parse("other/terms-of-service"), "Other"), parser.parse(
                "Military and warfare uses require a separate agreement.\n"));
        candidates.put(new Document(DocumentId.parse("self/terms-of-service"), "Self"), parser.parse(
                "You may not use the services to build weapons or for military purposes.\n"));

        var peers = new Peers(new TopicClassifier(Knowledge.bundled()), new SentenceEmbeddings())
                .of(mine, Set.of("autonomous-weapons"), "self", candidates, 3);

        assertThat(peers).extracting(Peers.Peer::document).containsExactly("acme/usage-policy", "other/terms-of-service");
        assertThat(peers.getFirst().quote()).startsWith("Do not use our models to develop or use weapons");
        assertThat(peers.getFirst().similarity()).isGreaterThan(peers.get(1).similarity());
    }
}
