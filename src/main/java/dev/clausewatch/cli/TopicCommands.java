package dev.clausewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.analysis.ClauseModel;
import dev.clausewatch.analysis.SentenceEmbeddings;
import dev.clausewatch.analysis.TopicClassifier;
import dev.clausewatch.analysis.TopicEvaluation;
import dev.clausewatch.analysis.TopicMatch;
import dev.clausewatch.analysis.TopicModel;
import dev.clausewatch.knowledge.Knowledge;
import dev.clausewatch.provision.Texts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Training and evaluating the topic classifier on provisions labelled with the 40 topics. */
final class TopicCommands {
    private TopicCommands() {}


    /** Trains the topic model on every labelled paragraph of {@code folder} and writes it to {@code target}; the paragraphs' count. */
    static int train(Path folder, Path target) throws IOException {
        List<TopicEvaluation.Labelled> data = labelled(folder);
        Knowledge knowledge = Knowledge.bundled();
        Map<String, float[]> vectors = paragraphVectors(data.stream().map(TopicEvaluation.Labelled::text).toList(), new SentenceEmbeddings());
        TopicModel.train(List.copyOf(knowledge.topics().keySet()), examples(data, vectors, new TopicClassifier(knowledge)),
                        "topic-labels, " + data.size() + " paragraphs of " + data.stream().map(TopicEvaluation.Labelled::document).distinct().count()
                                + " documents (labels: this project's; texts: Open Terms Archive contributors, ODC-BY 1.0), hashed TF-IDF words + "
                                + SentenceEmbeddings.MODEL + " paragraph means, knowledge topics as of " + knowledge.topicsAsOf())
                .write(target);
        return data.size();
    }

    /** The labelled paragraphs of {@code folder}/provisions.jsonl. */
    static List<TopicEvaluation.Labelled> labelled(Path folder) throws IOException {
        Path file = folder.resolve("provisions.jsonl");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(folder + " has no provisions.jsonl (the topic-labels layout)");
        ObjectMapper json = new ObjectMapper();
        List<TopicEvaluation.Labelled> data = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            JsonNode n = json.readTree(line);
            Set<String> topics = new LinkedHashSet<>();
            n.get("topics").forEach(t -> topics.add(t.asText()));
            data.add(new TopicEvaluation.Labelled(n.get("document").asText(), n.get("text").asText(), topics));
        }
        return data;
    }

    /** Each paragraph's vector: the mean of its sentences' embeddings, as the processor stores them. */
    static Map<String, float[]> paragraphVectors(List<String> paragraphs, SentenceEmbeddings embeddings) {
        Map<String, List<String>> sentences = new java.util.LinkedHashMap<>();
        for (String p : paragraphs) sentences.computeIfAbsent(p, Texts::sentences);
        List<String> all = sentences.values().stream().flatMap(List::stream).distinct().toList();
        Map<String, float[]> bySentence = new java.util.HashMap<>();
        List<float[]> embedded = embeddings.embedAll(all);
        for (int i = 0; i < all.size(); i++) bySentence.put(all.get(i), embedded.get(i));
        Map<String, float[]> vectors = new java.util.HashMap<>();
        sentences.forEach((p, s) -> vectors.put(p, TopicModel.paragraphVector(s.stream().map(bySentence::get).toList())));
        return vectors;
    }

    static List<TopicModel.Example> examples(List<TopicEvaluation.Labelled> data, Map<String, float[]> vectors, TopicClassifier cues) {
        return data.stream().map(l -> new TopicModel.Example(l.document(), l.text(), vectors.get(l.text()), l.topics(), cues.cues(l.text()).keySet())).toList();
    }

}
