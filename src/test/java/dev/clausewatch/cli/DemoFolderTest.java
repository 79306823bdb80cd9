package dev.clausewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo keeps its data apart from the user's own archive, and says where. */
class DemoFolderTest {
    @Test
    void by_default_the_demo_has_a_folder_of_its_own_beside_the_users_archive() {
        assertThat(DemoCommand.defaultFolder(Map.of(), "/home/ada")).isEqualTo(Path.of("/home/ada/.local/share/clausewatch-demo"));
        assertThat(DemoCommand.defaultFolder(Map.of("XDG_DATA_HOME", "/data/ada"), "/home/ada")).isEqualTo(Path.of("/data/ada/clausewatch-demo"));
        // $CLAUSEWATCH_DATA_DIR names the user's archive: the demo does not go there.
        assertThat(DemoCommand.defaultFolder(Map.of("CLAUSEWATCH_DATA_DIR", "/srv/archive"), "/home/ada"))
                .isEqualTo(Path.of("/home/ada/.local/share/clausewatch-demo"));
        assertThat(DemoCommand.defaultFolder(System.getenv(), System.getProperty("user.home"))).isNotEqualTo(ClausewatchCommand.defaultDataDir());
    }

    @Test
    void the_demo_prints_its_data_folder_and_the_next_commands_read_it(@TempDir Path folder) {
        CommandLineTest.Run demo = CommandLineTest.runIn(folder, "demo", "--from", "demo/clipped", "--no-serve");
        assertThat(demo.status()).as(demo.err()).isZero();
        assertThat(demo.out()).contains("The demo keeps its data in " + folder.toAbsolutePath() + ".")
                .contains("Next: ./clausewatch --data-dir '" + folder.toAbsolutePath() + "' history ");
        assertThat(Files.exists(folder.resolve("clausewatch.db"))).as("the embedded store, in the demo's folder").isTrue();
        // The command it suggests reads the demo's archive.
        CommandLineTest.Run documents = CommandLineTest.runIn(folder, "documents", "amazon-web-services");
        assertThat(documents.out()).contains("amazon-web-services/responsible-ai-policy");
    }

    @Test
    void help_names_the_port_and_the_folder() {
        CommandLineTest.Run help = CommandLineTest.runIn(Path.of("target"), "help", "demo");
        assertThat(help.out()).contains("--port", "clausewatch-demo", "--data-dir");
    }
}
