package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.discovery.Discovery;
import dev.clausewatch.discovery.Proposal;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Discovery run over a folder in the layout of ota-snapshots: what it would propose for each service, to be read and marked. */
@Command(name = "discovery", description = {"Proposes undeclared governance documents from the newest snapshot of each document of a folder in",
        "the layout of shared/data/ota-snapshots (declaration.json and one folder of HTML snapshots per document)."})
final class DiscoveryEvaluation implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR") Path folder;

    @Option(names = "--json") boolean json;

    @Override
    public Integer call() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Proposal> all = new ArrayList<>();
        try (Stream<Path> services = Files.list(folder)) {
            for (Path service : services.filter(s -> Files.isRegularFile(s.resolve("declaration.json"))).sorted().toList()) {
                List<URI> declared = new ArrayList<>();
                collectFetches(mapper.readTree(service.resolve("declaration.json").toFile()), declared);
                all.addAll(Discovery.propose(service.getFileName().toString(), declared, pages(service, declared)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Output.json(out, all.stream().map(p -> Map.of("platform", p.platform(), "url", p.url().toString(), "linkTexts", p.linkTexts(),
                    "suggestedType", p.suggestedType().orElse(""), "foundOn", p.foundOn())).toList());
        } else {
            Map<String, Integer> counts = new LinkedHashMap<>();
            all.forEach(p -> counts.merge(p.platform(), 1, Integer::sum));
            all.forEach(p -> out.printf("%s\t%s\t%s\t%s%n", p.platform(), p.url(), String.join(" / ", p.linkTexts()), p.suggestedType().orElse("")));
            out.println(all.size() + " proposals for " + counts.size() + " services: " + counts);
        }
        return 0;
    }

    private static java.util.Optional<URI> canonical(String html) {
        var doc = org.jsoup.Jsoup.parse(html);
        for (String query : List.of("link[rel=canonical][href]", "meta[property=og:url][content]")) {
            var e = doc.selectFirst(query);
            if (e == null) continue;
            String value = e.hasAttr("href") ? e.attr("href") : e.attr("content");
            try {
                URI uri = new URI(value.strip());
                if (uri.isAbsolute() && uri.getHost() != null) return java.util.Optional.of(uri);
            } catch (java.net.URISyntaxException ignored) {
                // not an address: use the declared one
            }
        }
        return java.util.Optional.empty();
    }

    private static void collectFetches(JsonNode node, List<URI> into) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("fetch") && e.getValue().isTextual()) into.add(URI.create(e.getValue().asText()));
                else collectFetches(e.getValue(), into);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectFetches(n, into));
        }
    }

    /** The newest snapshot of each document folder, at the declared address its folder is named after ("terms-of-service--policies-eu-terms-of-use"). */
    private static List<Discovery.Page> pages(Path service, List<URI> declared) throws IOException {
        List<Discovery.Page> pages = new ArrayList<>();
        try (Stream<Path> folders = Files.list(service)) {
            for (Path document : folders.filter(Files::isDirectory).sorted().toList()) {
                Path newest;
                try (Stream<Path> files = Files.list(document)) {
                    newest = files.filter(f -> f.toString().endsWith(".html")).max(Comparator.naturalOrder()).orElse(null);
                }
                if (newest == null || declared.isEmpty()) continue;
                String name = document.getFileName().toString();
                String suffix = name.contains("--") ? name.substring(name.indexOf("--") + 2) : "";
                URI url = declared.stream().filter(u -> !suffix.isEmpty() && u.getPath().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "").endsWith(suffix))
                        .findFirst().orElse(declared.getFirst());
                String html = Files.readString(newest);
                // The page's own address when it says it (relative links resolve against it), else the declared one its folder names.
                URI own = canonical(html).orElse(url);
                pages.add(new Discovery.Page(service.getFileName() + "/" + name, own, html, true));
            }
        }
        return pages;
    }
}
