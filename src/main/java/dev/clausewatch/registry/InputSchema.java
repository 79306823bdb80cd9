package dev.clausewatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import com.networknt.schema.serialization.NodeReader;
import dev.clausewatch.registry.InvalidInputException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One of the JSON Schemas (draft 2020-12) that an input file must satisfy before it is read:
 * {@code schema/<name>} on the class path (an OTA declaration or history file, a knowledge file).
 * Keep one per schema in a static field: it is compiled once and is safe to share between threads.
 * What it finds wrong comes back as {@link Problem}s whose field is the JSON pointer of the bad
 * value, in the terms of {@link SchemaProblems}.
 */
public final class InputSchema {
    /** The prefix of the schemas' {@code $id}s: a name that never resolves, mapped to the class path. */
    private static final String ID_PREFIX = "https://clausewatch.invalid/schema/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012(), builder -> builder
            .nodeReader(new SchemaReader())
            // Our schemas only, from the jar: a $ref never makes loading a file reach the network.
            .schemaLoader(loader -> loader.fetchRemoteResources(false)
                    .schemaIdResolvers(ids -> ids.mapPrefix(ID_PREFIX, "classpath:schema/")))
            .schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true) // draft 2020-12 makes "format" an annotation unless asked
                    .errorMessageKeyword("errorMessage") // the schemas' own wording where the validator's is unhelpful
                    .pathType(PathType.JSON_POINTER)
                    .locale(Locale.ENGLISH) // the validator would translate into the user's locale; the rest of Clausewatch speaks English
                    .build()));
    private static final SchemaProblems PROBLEMS = new SchemaProblems(REGISTRY);

    private final Schema schema;

    private InputSchema(Schema schema) {
        this.schema = schema;
    }

    /** The schema {@code schema/<fileName>}, compiled now, so that a broken schema fails at start-up rather than on some file. */
    public static InputSchema named(String fileName) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + fileName));
        schema.initializeValidators();
        return new InputSchema(schema);
    }

    /** The rules {@code document} breaks, in the order the schema checks them; empty when it satisfies the schema. */
    public List<Problem> problems(JsonNode document) {
        return PROBLEMS.of(schema.validate(ValidatorTree.of(document)));
    }

    /** Refuses {@code document}, read from {@code file}, when it breaks a rule of the schema. */
    public void check(Path file, JsonNode document) {
        List<Problem> found = problems(document);
        if (!found.isEmpty()) throw new InvalidInputException(file, found);
    }

    /**
     * Reads the schema files with the Jackson 2 parser Clausewatch already has warm: building the
     * validator's own reader (a configured Jackson 3 mapper) took a tenth of a second of each cold
     * start. The schemas are JSON.
     */
    private static final class SchemaReader implements NodeReader {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public tools.jackson.databind.JsonNode readTree(String content, InputFormat format) {
            try {
                return ValidatorTree.of(JSON.readTree(content));
            } catch (IOException e) {
                throw new UncheckedIOException("a schema is not valid JSON", e);
            }
        }

        @Override
        public tools.jackson.databind.JsonNode readTree(InputStream content, InputFormat format) {
            try {
                return ValidatorTree.of(JSON.readTree(content));
            } catch (IOException e) {
                throw new UncheckedIOException("a schema is not valid JSON", e);
            }
        }
    }
}
