package dev.clausewatch.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.clausewatch.registry.DocumentId;
import java.io.IOException;

/** Derived records as JSON columns: domain records written by their components, document ids as "platform/type". */
final class DerivedJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("clausewatch-ids")
                    .addSerializer(DocumentId.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(DocumentId id, JsonGenerator out, SerializerProvider provider) throws IOException {
                            out.writeString(id.toString());
                        }
                    })
                    .addDeserializer(DocumentId.class, new JsonDeserializer<>() {
                        @Override
                        public DocumentId deserialize(JsonParser in, DeserializationContext context) throws IOException {
                            return DocumentId.parse(in.getValueAsString());
                        }
                    }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private DerivedJson() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored " + what + " is not readable JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    static <T> T read(String json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored " + what + " is not readable JSON (" + e.getOriginalMessage() + ")", e);
        }
    }
}
