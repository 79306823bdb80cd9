package dev.clausewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clipped page without a title in its front matter is named by its first heading, as CommonMark reads one. */
class ClippedPageTitleTest {
    @TempDir Path dir;

    private ImportUnit.Clip read(String body) throws IOException {
        Path file = Files.writeString(dir.resolve("clip.md"), "---\nsource: https://aws.amazon.com/aup/\ncreated: 2024-01-01T00:00:00Z\n---\n" + body);
        return ClippedPageReader.read(file, uri -> Optional.empty());
    }

    @Test
    void a_closing_run_of_hashes_is_not_part_of_the_title_but_a_hash_inside_a_word_is() throws IOException {
        assertThat(read("# AWS Acceptable Use Policy ##\n\nYou may not use the services.\n").provenance().details())
                .containsEntry("title", "AWS Acceptable Use Policy");
        assertThat(read("#   AWS Acceptable Use Policy for C#\n\nYou may not use the services.\n").provenance().details())
                .containsEntry("title", "AWS Acceptable Use Policy for C#");
    }

    @Test
    void a_heading_line_of_spaces_is_read_in_bounded_time() {
        String body = "# " + " ".repeat(300_000) + "x" + " ".repeat(300_000) + "#\n\nYou may not use the services.\n";
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> read(body)).provenance().details()).containsEntry("title", "x");
    }
}
