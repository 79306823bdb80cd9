package dev.clausewatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RegistryValuesTest {
    @Test
    void document_ids_read_and_write_as_platform_slash_type_slug() {
        DocumentId id = DocumentId.parse("amazon-web-services/acceptable-use-policy");
        assertThat(id.platform()).isEqualTo(new PlatformId("amazon-web-services"));
        assertThat(id.type().name()).isEqualTo("Acceptable Use Policy");
        assertThat(id).hasToString("amazon-web-services/acceptable-use-policy");
    }

    @Test
    void malformed_ids_are_refused_with_the_rule() {
        assertThatThrownBy(() -> DocumentId.parse("amazon-web-services")).hasMessageContaining("must be PLATFORM/DOCUMENT");
        assertThatThrownBy(() -> new PlatformId("Amazon Web Services")).hasMessageContaining("is not a slug");
        assertThatThrownBy(() -> DocumentId.parse("aws/terms-of-sale")).hasMessageContaining("no document type has the slug \"terms-of-sale\"");
    }

    @Test
    void document_types_come_from_the_vocabulary_and_aliases_map_to_them() {
        assertThat(DocumentType.named("Terms of Use")).isEqualTo(new DocumentType("Terms of Service"));
        assertThat(DocumentType.named("data processing addendum")).isEqualTo(new DocumentType("Data Processor Agreement"));
        assertThat(DocumentType.lookup("Responsible AI Policy")).isPresent();
        assertThatThrownBy(() -> new DocumentType("Terms of use")).hasMessageContaining("did you mean \"Terms of Service\"");
        assertThatThrownBy(() -> DocumentType.named("Snack Policy")).hasMessageContaining("unknown document type \"Snack Policy\"");
    }

    @Test
    void platform_ids_are_made_from_names_as_ota_data_does() {
        assertThat(PlatformId.fromName("Claude.ai")).hasToString("claude-ai");
        assertThat(PlatformId.fromName("Amazon Web Services")).hasToString("amazon-web-services");
        assertThat(PlatformId.fromName("Société Générale")).hasToString("societe-generale");
    }

    @Test
    void known_platforms_are_found_by_host_and_types_by_title() {
        assertThat(KnownPlatforms.byUrl(URI.create("https://aws.amazon.com/ai/responsible-ai/policy/")).orElseThrow().id())
                .hasToString("amazon-web-services");
        assertThat(KnownPlatforms.byUrl(URI.create("https://www.amazon.com/gp/help")).orElseThrow().id()).hasToString("amazon-com");
        assertThat(KnownPlatforms.documentTypeIn("AWS Responsible AI Policy")).contains(new DocumentType("Responsible AI Policy"));
        assertThat(KnownPlatforms.documentTypeIn("Frequently Asked Questions")).isEmpty();
    }
}
