package dev.clausewatch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped log configuration: text by default, one JSON object per line when asked (issue 17). */
class LogFormatTest {
    /** What the shipped logback.xml writes for one warning, with the format property set to {@code format} (null: unset). */
    private static String logged(String format) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String before = System.getProperty("clausewatch.log.format");
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            if (format == null) System.clearProperty("clausewatch.log.format");
            else System.setProperty("clausewatch.log.format", format);
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as the SLF4J binding gives the real one
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            context.getLogger("dev.clausewatch.tracking.Tracker").warn("capture of {} failed: {}", "chatgpt/terms-of-service", "DNS");
            context.stop();
        } finally {
            System.setErr(original);
            if (before == null) System.clearProperty("clausewatch.log.format");
            else System.setProperty("clausewatch.log.format", before);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_log_is_one_json_object_per_line_when_asked_and_text_otherwise() throws Exception {
        // Only this test's line: a thread of another test may log into the same stream meanwhile.
        String json = logged("json").lines().filter(l -> l.contains("Tracker")).findFirst().orElseThrow();
        JsonNode line = new ObjectMapper().readTree(json);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("loggerName").asText()).isEqualTo("dev.clausewatch.tracking.Tracker");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("capture of chatgpt/terms-of-service failed: DNS");
        assertThat(line.get("timestamp").asLong()).isPositive();

        if (System.getenv("CLAUSEWATCH_LOG_FORMAT") == null) {
            assertThat(logged(null).lines().filter(l -> l.contains("capture of chatgpt"))).singleElement().asString()
                    .matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN .* - capture of chatgpt/terms-of-service failed: DNS");
        }
    }

    @Test
    void an_unknown_format_is_said_and_read_as_text_and_any_case_of_json_is_json() {
        String before = System.getProperty("clausewatch.log.format");
        try {
            System.clearProperty("clausewatch.log.format");
            Clausewatch.logFormat("JSON");
            assertThat(System.getProperty("clausewatch.log.format")).isEqualTo("json");
            System.clearProperty("clausewatch.log.format");
            Clausewatch.logFormat("yaml");
            assertThat(System.getProperty("clausewatch.log.format")).as("never a format no appender has").isEqualTo("text");
        } finally {
            if (before == null) System.clearProperty("clausewatch.log.format");
            else System.setProperty("clausewatch.log.format", before);
        }
    }
}
