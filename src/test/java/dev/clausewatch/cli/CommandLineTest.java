package dev.clausewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clausewatch.Clausewatch;
import dev.clausewatch.TestStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them, on the embedded store in a temporary data directory. */
class CommandLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DEMO = Path.of("demo");

    @TempDir Path dataDir;
    /** The demo imported and processed once (a minute of embedding), copied into the data directory of each test that needs it. */
    @TempDir static Path imported;
    private static Run demo;

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    Run run(String... args) {
        return runIn(dataDir, args);
    }

    static Run runIn(Path dataDir, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = dataDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int status = ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(out), new PrintWriter(err)).execute(all);
        return new Run(status, out.toString(), err.toString());
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) Files.createDirectories(target);
                else Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Nested
    class After_importing_the_demo_dataset {
        @BeforeEach
        void importDemo() throws java.io.IOException {
            synchronized (CommandLineTest.class) {
                if (demo == null) demo = runIn(imported, "demo", "--from", DEMO.toString(), "--no-serve");
            }
            assertThat(demo.status()).as(demo.err()).isZero();
            copy(imported, dataDir);
            assertThat(demo.out()).contains("amazon-web-services/responsible-ai-policy");
            // The issue's two sights, as addresses to open once it serves.
            assertThat(demo.out()).containsPattern("http://localhost:7070/documents/amazon-web-services/responsible-ai-policy/provisions/p[0-9a-f]{11}")
                    .containsPattern("http://localhost:7070/documents/chatgpt/terms-of-service/changes\\?from=\\d+&to=\\d+&substantive=on");
        }

        @Test
        void check_answers_per_platform_in_text_and_json_and_refuses_an_unknown_platform_with_status_2() throws Exception {
            String use = "build an autonomous turret that fires at intruders without a human deciding";
            Run text = run("check", "--use", use, "--platforms", "amazon-web-services", "--jurisdictions", "EU");
            assertThat(text.status()).as(text.err()).isZero();
            assertThat(text.out()).contains("Amazon Web Services:", "would be prohibited:", "to perform a lethal function in a weapon",
                    "Amazon Web Services Responsible AI Policy, version 1 of", "Regulations of these topics in EU:", "Not legal advice");
            var json = run("check", "--use", use, "--platforms", "amazon-web-services", "--json").json();
            assertThat(json.get("platforms").get(0).get("provisions").get(0).get("role").asText()).isEqualTo("prohibition");
            assertThat(json.get("use").get("platforms").get(0).asText()).isEqualTo("amazon-web-services");
            Run wider = run("check", "--use", use, "--platforms", "amazon-web-services", "--threshold", "0.2", "--json");
            assertThat(wider.json().get("platforms").get(0).get("provisions").size())
                    .isGreaterThan(json.get("platforms").get(0).get("provisions").size());
            Run unknown = run("check", "--use", use, "--platforms", "nobody");
            assertThat(unknown.status()).isEqualTo(2);
            assertThat(unknown.err()).contains("platform \"nobody\" is not in the registry");
        }

        @Test
        void administrators_set_plans_watches_channels_and_members_and_get_the_same_refusals_as_the_web() throws Exception {
            assertThat(run("orgs", "create", "acme", "--name", "Acme Compliance", "--plan", "watcher").out()).contains("acme (Acme Compliance) is on the Watcher plan");
            assertThat(run("orgs", "watch", "acme", "document", "amazon-web-services/acceptable-use-policy").status()).isZero();
            String provision = run("provisions", "amazon-web-services/acceptable-use-policy", "--json").json().get("provisions").get(1).get("id").asText();
            Run refused = run("orgs", "watch", "acme", "provision", "amazon-web-services/acceptable-use-policy#" + provision);
            assertThat(refused.status()).isEqualTo(2);
            assertThat(refused.err()).contains("Watching a single provision is part of the Professional plan; the Watcher plan watches platforms and documents.");
            assertThat(run("orgs", "plan", "acme", "professional").out()).contains("acme is on the Professional plan");
            assertThat(run("orgs", "watch", "acme", "provision", "amazon-web-services/acceptable-use-policy#" + provision).status()).isZero();
            assertThat(run("orgs", "watch", "acme", "regulation", "eu-ai-act#Art. 50").status()).isZero();

            Run inside = run("orgs", "channel", "acme", "webhook", "ops", "http://127.0.0.1:9/hook");
            assertThat(inside.status()).as("a webhook into the server's own network is refused").isEqualTo(2);
            assertThat(inside.err()).contains("points inside the network", "loopback");
            assertThat(run("orgs", "channel", "acme", "email", "counsel", "counsel@acme.test").out()).contains("acme is told at counsel@acme.test");
            assertThat(run("orgs", "digest", "acme", "thursday", "9", "America/New_York").out()).contains("Thursdays at 09:00 America/New_York");
            assertThat(run("orgs", "digest", "acme", "someday", "9", "UTC").err()).contains("\"someday\" is not a day of the week");

            java.io.InputStream stdin = System.in;
            try {
                System.setIn(new java.io.ByteArrayInputStream("difference engine notes\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(run("users", "add", "ada@acme.test", "--name", "Ada").out()).contains("ada@acme.test has an account");
            } finally {
                System.setIn(stdin);
            }
            assertThat(run("orgs", "member", "acme", "ada@acme.test", "analyst").out()).contains("ada@acme.test is analyst of acme");
            assertThat(run("users", "list").out()).contains("ada@acme.test", "acme (analyst)");
            assertThat(run("orgs", "show", "acme").out()).contains("Professional plan", "document amazon-web-services/acceptable-use-policy",
                    "regulation eu-ai-act#Art. 50", "counsel@acme.test", "ada@acme.test");
            assertThat(run("orgs", "show", "nobody").err()).contains("there is no organisation nobody");
            assertThat(run("evaluate", "alerts").out()).contains("0 answers on alerts.");
        }

        @Test
        void platforms_and_documents_list_as_tables_and_as_json() throws Exception {
            assertThat(run("platforms").out()).contains("amazon-web-services", "Amazon Web Services");
            JsonNode platforms = run("platforms", "--json").json();
            assertThat(platforms.findValuesAsText("id")).contains("amazon-web-services", "facebook", "claude-ai");

            JsonNode documents = run("documents", "amazon-web-services", "--json").json();
            assertThat(documents.findValuesAsText("id"))
                    .containsExactly("amazon-web-services/acceptable-use-policy", "amazon-web-services/responsible-ai-policy");
        }

        @Test
        void history_lists_versions_in_date_order_with_provenance() throws Exception {
            JsonNode history = run("history", "facebook/terms-of-service", "--json").json();
            assertThat(history).hasSize(37);
            assertThat(history.get(0).get("firstObservedAt").asText()).isEqualTo("2004-06-11T00:00:00.000Z");
            assertThat(history.get(0).get("provenance").get(0).get("archive").asText())
                    .isEqualTo("https://github.com/PlatformGovernanceArchive/pga-corpus");
            assertThat(run("history", "facebook/terms-of-service").out()).contains("2004-06-11", "PlatformGovernanceArchive/pga-corpus");
        }

        @Test
        void show_prints_the_version_in_force_at_a_date() throws Exception {
            Run latest = run("show", "amazon-web-services/acceptable-use-policy");
            assertThat(latest.status()).isZero();
            String newest = Files.readString(DEMO.resolve("ota-history/amazon-web-services/acceptable-use-policy/2026-08-21T00-33-41Z_703e6bc.md"));
            assertThat(latest.out()).isEqualTo(newest);

            Run in2023 = run("show", "amazon-web-services/acceptable-use-policy", "--at", "2023-01-01");
            String then = Files.readString(DEMO.resolve("ota-history/amazon-web-services/acceptable-use-policy/2022-09-19T12-31-28Z_08b577b.md"));
            assertThat(in2023.out()).isEqualTo(then);
            assertThat(run("show", "amazon-web-services/acceptable-use-policy", "--at", "2023-01-01", "--json").json()
                    .get("firstObservedAt").asText()).isEqualTo("2022-09-19T12:31:28.000Z");
        }

        @Test
        void show_before_the_first_version_is_a_clear_error() {
            Run early = run("show", "amazon-web-services/acceptable-use-policy", "--at", "2019-01-01");
            assertThat(early.status()).isEqualTo(2);
            assertThat(early.err()).contains("No version of amazon-web-services/acceptable-use-policy in force on 2019-01-01: "
                    + "its first version was observed on 2021-08-17.");
        }

        @Test
        void unknown_documents_and_bad_dates_are_named() {
            Run unknown = run("history", "amazon-web-services/privacy-policy");
            assertThat(unknown.status()).isEqualTo(2);
            assertThat(unknown.err()).contains("No document amazon-web-services/privacy-policy in the registry");
            assertThat(run("show", "nope", "--json").err()).contains("document id \"nope\" must be PLATFORM/DOCUMENT");
            assertThat(run("show", "amazon-web-services/acceptable-use-policy", "--at", "last week").err())
                    .contains("date \"last week\" must be YYYY-MM-DD");
        }

        @Test
        void verify_passes_and_a_second_demo_adds_nothing() throws Exception {
            Run verify = run("verify", "--json");
            assertThat(verify.status()).isZero();
            assertThat(verify.json().get("intact").asBoolean()).isTrue();
            assertThat(verify.json().get("versions").asInt()).isPositive();

            Run again = run("import", "--json", DEMO.toString());
            assertThat(again.status()).isZero();
            assertThat(again.json().findValues("versionsAdded")).allSatisfy(n -> assertThat(n.asInt()).isZero());
        }

        @Test
        void provisions_lists_ids_kinds_and_the_effective_date() throws Exception {
            JsonNode provisions = run("provisions", "amazon-web-services/responsible-ai-policy", "--json").json();
            assertThat(provisions.get("effectiveDate").get("date").asText()).isEqualTo("2023-09-28");
            assertThat(provisions.get("title").asText()).isEqualTo("AWS Responsible AI Policy");
            assertThat(provisions.get("provisions").findValuesAsText("kind")).contains("HEADING", "PARAGRAPH", "LIST_ITEM");
            assertThat(provisions.get("provisions").findValuesAsText("id")).allSatisfy(id -> assertThat(id).matches("p[0-9a-f]{11}"));
            assertThat(run("provisions", "amazon-web-services/acceptable-use-policy", "--at", "2").out()).contains("version 2 of 6");
        }

        @Test
        void diff_describes_a_change_and_can_show_only_substantive_ones() throws Exception {
            JsonNode diff = run("diff", "chatgpt/terms-of-service", "--from", "1", "--to", "6", "--json").json();
            assertThat(diff.get("substantive").asBoolean()).isTrue();
            assertThat(diff.get("effectiveDateBefore").asText()).isEqualTo("2025-04-29");
            assertThat(diff.get("effectiveDateAfter").asText()).isEqualTo("2026-01-16");
            assertThat(diff.get("changes").findValuesAsText("reason"))
                    .anySatisfy(r -> assertThat(dev.clausewatch.change.Reason.valueOf(r).substantive()).isTrue());
            Run people = run("diff", "chatgpt/terms-of-service", "--from", "2025-11-11", "--substantive-only");
            assertThat(people.status()).as(people.err()).isZero();
            assertThat(people.out()).contains("ChatGPT Terms of Service: version 1", "Effective date: 2025-04-29 → 2026-01-16", "●")
                    .doesNotContain("○");
        }

        @Test
        void five_years_of_recorded_aws_aup_changes_are_all_cosmetic() throws Exception {
            // OTA recorded five changes of the AWS AUP from 2021 to 2026; its text still says "Last Updated: July 1, 2021".
            JsonNode diff = run("diff", "amazon-web-services/acceptable-use-policy", "--from", "1", "--to", "6", "--json").json();
            assertThat(diff.get("substantive").asBoolean()).isFalse();
            assertThat(diff.get("effectiveDateBefore").asText()).isEqualTo("2021-07-01");
            assertThat(diff.get("effectiveDateAfter").asText()).isEqualTo("2021-07-01");
        }

        @Test
        void references_go_both_ways() throws Exception {
            JsonNode outgoing = run("references", "amazon-web-services/responsible-ai-policy", "--json").json();
            assertThat(outgoing).anySatisfy(r -> {
                assertThat(r.get("target").asText()).isEqualTo("amazon-web-services/acceptable-use-policy");
                assertThat(r.get("binding").asBoolean()).isTrue();
            });
            JsonNode incoming = run("references", "amazon-web-services/acceptable-use-policy", "--incoming", "--json").json();
            assertThat(incoming.findValuesAsText("from")).contains("amazon-web-services/responsible-ai-policy");
        }

        @Test
        void analyze_rolls_exposure_up_per_document_and_platform() throws Exception {
            JsonNode platform = run("analyze", "amazon-web-services", "--json").json();
            JsonNode documents = platform.get("documents");
            assertThat(documents.fieldNames()).toIterable()
                    .containsExactly("amazon-web-services/acceptable-use-policy", "amazon-web-services/responsible-ai-policy");
            int high = 0;
            for (JsonNode counts : documents) high += counts.get("HIGH").asInt();
            assertThat(platform.get("total").get("HIGH").asInt()).isEqualTo(high);

            JsonNode provision = run("analyze", "amazon-web-services/responsible-ai-policy", "--json").json();
            assertThat(provision.get("provisions").findValuesAsText("disclaimer")).allSatisfy(d -> assertThat(d).contains("not a legal determination"));
        }

        @Test
        void verify_exits_non_zero_naming_the_damaged_blob() throws Exception {
            JsonNode shown = run("show", "amazon-web-services/responsible-ai-policy", "--json").json();
            String sha = shown.get("sha256").asText();
            Path blob = dataDir.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
            Files.writeString(blob, Files.readString(blob).replace("Prohibitions", "Permissions"));

            Run verify = run("verify");
            assertThat(verify.status()).isEqualTo(1);
            assertThat(verify.out()).contains("DAMAGED blob " + sha + ": its content hashes to");
        }
    }

    @Test
    void import_of_a_missing_path_exits_2_and_says_so() {
        Run run = run("import", "does-not-exist");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("rejected does-not-exist: does not exist");
    }

    @Test
    void import_of_a_folder_with_a_declaration_breaking_its_schema_exits_2_naming_file_pointer_and_rule() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("declarations"));
        Path samples = Path.of("src/test/resources/schema/ota");
        Path bad = Files.copy(samples.resolve("bad/fetch-not-http.json"), folder.resolve("Acme.json"));
        Files.copy(samples.resolve("good/Retired.json"), folder.resolve("Retired.json"));
        Files.copy(samples.resolve("good/Retired.history.json"), folder.resolve("Retired.history.json"));
        Run run = run("import", "--no-process", folder.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("rejected " + bad
                + ": /terms/Terms of Service/fetch: \"ftp://acme.example/terms\" must be an absolute http or https URL (pattern)");
        assertThat(run.out()).as("the good declarations beside it are imported").contains("declarations: 1 new");
    }

    @Test
    void files_left_alone_in_a_folder_are_counted_and_with_verbose_named_with_why() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("inbox"));
        Files.copy(Path.of("demo/clipped/aws-responsible-ai-policy-2024-09-17.md"), folder.resolve("aws-responsible-ai-policy-2024-09-17.md"));
        Files.writeString(folder.resolve("notes.txt"), "what I meant to read next\n");
        Run quiet = run("import", "--no-process", folder.toString());
        assertThat(quiet.status()).as(quiet.err()).isZero();
        assertThat(quiet.out()).contains("1 files ignored (--verbose names them)").doesNotContain("notes.txt");
        Run verbose = run("import", "--no-process", "--verbose", folder.toString());
        assertThat(verbose.out()).contains("ignored " + folder.resolve("notes.txt") + ": is not an importable file");
        JsonNode json = run("import", "--no-process", "--json", folder.toString()).json();
        assertThat(json.path("ignored").get(0).path("file").asText()).endsWith("notes.txt");
        assertThat(json.path("ignored").get(0).path("why").asText()).startsWith("is not an importable file");
    }

    @Test
    void diff_of_two_files_needs_no_archive() throws Exception {
        Path old = dataDir.resolve("old.md"), now = dataDir.resolve("new.md");
        Files.writeString(old, "# Terms\n\nYou may cancel at any time.\n");
        Files.writeString(now, "# Terms\n\nYou may cancel at any time. You must pay a fee of 10 euros to cancel.\n");
        JsonNode diff = run("diff", "--files", old.toString(), now.toString(), "--json").json();
        assertThat(diff.get("substantive").asBoolean()).isTrue();
        assertThat(diff.get("changes").get(0).get("edits").get(0).get("inserted").asText()).isEqualTo("You must pay a fee of 10 euros to cancel.");
        assertThat(Files.exists(dataDir.resolve("clausewatch.db"))).isFalse();
    }

    @Test
    void the_knowledge_cues_are_scored_on_claudette_with_counts_that_add_up() throws Exception {
        JsonNode result = run("evaluate", "cues", TestStores.wholeShared("data/claudette").toString(), "--json").json();
        assertThat(result.get("task").asText()).isEqualTo("cues/categories");
        assertThat(result.get("sentences").asInt()).isEqualTo(12343);
        JsonNode arbitration = null;
        for (JsonNode l : result.get("labels")) if (l.get("label").asText().equals("a")) arbitration = l;
        // CLAUDETTE tags 58 sentences as arbitration; the cue rules find nearly all, and far more besides.
        assertThat(arbitration.get("support").asInt()).isEqualTo(58);
        assertThat(arbitration.get("recall").asDouble()).isGreaterThan(0.9);
        assertThat(arbitration.get("precision").asDouble()).isLessThan(arbitration.get("recall").asDouble());
        double macro = 0;
        for (JsonNode l : result.get("labels")) macro += l.get("f1").asDouble();
        assertThat(result.get("macroF1").asDouble()).isCloseTo(macro / result.get("labels").size(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void opp115_is_only_ever_cross_validated_never_trained_into_a_shipped_model() {
        Run run = run("evaluate", "opp115", TestStores.wholeShared("data/opp115").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("needs --cross-validate", "research licence");
    }

    @Test
    void tosdr_cases_map_to_claudette_categories_by_their_wording() {
        assertThat(ClauseEvaluations.casesToClaudette("This service forces users into binding arbitration in the case of disputes")).containsExactly("a");
        assertThat(ClauseEvaluations.casesToClaudette(" Terms may be changed any time at their discretion, without notice to the user ")).containsExactly("ch");
        assertThat(ClauseEvaluations.casesToClaudette("The service can delete your account without prior notice and without a reason")).containsExactly("ter");
        assertThat(ClauseEvaluations.casesToClaudette("You can request access and deletion of personal data")).isEmpty();
    }

    @Test
    void types_lists_the_vocabulary_with_ai_types() throws Exception {
        JsonNode types = run("types", "--json").json();
        assertThat(types.findValuesAsText("name")).contains("Terms of Service", "Acceptable Use Policy", "Responsible AI Policy", "Usage Policy");
    }

    @Test
    void version_comes_from_the_build_and_help_lists_the_exit_statuses() throws Exception {
        Run version = run("--version");
        assertThat(version.status()).isZero();
        String pom = Files.readString(Path.of("pom.xml"));
        String built = pom.substring(pom.indexOf("<version>") + 9, pom.indexOf("</version>"));
        assertThat(version.out()).startsWith("clausewatch " + built + "\n").contains("Java " + Runtime.version().feature());
        Run help = run("--help");
        assertThat(help.out()).contains("Exit status:").containsPattern("(?m)^  0 +done").containsPattern("(?m)^  1 +verify found damage")
                .containsPattern("(?m)^  2 +bad input").containsPattern("(?m)^  3 +it could not be done");
    }

    @Test
    void the_configuration_file_sets_options_and_a_wrong_key_or_value_stops_every_command_naming_it() throws Exception {
        Path file = dataDir.resolve("clausewatch.yaml");
        Files.writeString(file, "topics:\n  json: true\n");
        Run topics = run("topics");
        assertThat(topics.status()).as(topics.err()).isZero();
        assertThat(topics.json().findValuesAsText("id")).as("the file's json: true").contains("ai-training-on-user-content");
        // Typed as well as in the file, a switch stays on (picocli would toggle a default of true off).
        assertThat(run("topics", "--json").json().findValuesAsText("id")).contains("ai-training-on-user-content");
        // The file is found from --data-dir wherever it stands, after a switch too.
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = ClausewatchCommand.commandLine(Clausewatch::open, new PrintWriter(out), new PrintWriter(err))
                .execute("topics", "--json", "--data-dir", dataDir.toString());
        assertThat(status).as(err.toString()).isZero();
        Files.writeString(file, "topics:\n  json: false\n");
        assertThat(run("topics").out()).as("json: false in the file").doesNotStartWith("[").doesNotStartWith("{");

        Files.writeString(file, "serve:\n  prot: 8080\n");
        Run unknown = run("platforms");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains(file.toString(), "serve.prot", "serve.host, serve.port");

        Files.writeString(file, "track:\n  cadence: twice a day\n");
        assertThat(run("platforms").err()).contains("track.cadence", "must be an ISO 8601 duration such as PT12H, not \"twice a day\"");
        Files.writeString(file, "serve:\n  port: [80, 81]\n");
        assertThat(run("platforms").err()).contains("serve.port", "must be a single value");
        Files.writeString(file, "data-dir: /elsewhere\n");
        assertThat(run("platforms").err()).contains("data-dir", "--data-dir");
        Files.writeString(file, "serve: {port: 1\n");
        assertThat(run("platforms").err()).contains(file.toString(), "is not readable YAML");

        Path other = dataDir.resolve("other.yaml");
        Files.writeString(other, "topics:\n  json: true\n");
        Run named = run("--config", other.toString(), "topics");
        assertThat(named.status()).as("--config is read instead of the data directory's file").isZero();
        assertThat(named.json().findValuesAsText("id")).contains("ai-training-on-user-content");
        assertThat(run("--help").status()).as("a broken file never stands in the way of help").isZero();
        assertThat(run("--config", dataDir.resolve("missing.yaml").toString(), "topics").err()).contains("missing.yaml", "does not exist");
    }

    @Test
    void a_progress_bar_on_a_terminal_says_how_far_at_what_rate_and_how_long_is_left() throws Exception {
        StringWriter err = new StringWriter();
        try (Progress progress = Progress.start(new PrintWriter(err), "Importing", "files", true)) {
            for (int done = 1; done <= 4; done++) {
                Thread.sleep(300);
                progress.at(done, 8);
            }
        }
        assertThat(err.toString()).contains("Importing", "4/8 files", "files/s").containsPattern("\\d+:\\d{2}:\\d{2}");
    }

    @Test
    void a_long_command_off_a_terminal_prints_no_progress_bar() throws Exception {
        // The tests' output is not a terminal: the bar must stay silent, or logs and pipes fill with it.
        Run imported = run("import", TestStores.shared("data/ota-history/chatgpt/terms-of-service").toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.err()).doesNotContain("Importing", "Deriving", "%", "\r");
    }

    @Test
    void regulations_and_topics_list_as_json_with_dates_as_iso_strings() throws Exception {
        Run regulations = run("regulations", "--json");
        assertThat(regulations.status()).as(regulations.err()).isZero();
        JsonNode aiAct = regulations.json().findParents("id").stream().filter(n -> n.path("id").asText().equals("eu-ai-act")).findFirst().orElseThrow();
        assertThat(aiAct.path("shortName").asText()).isEqualTo("EU AI Act");
        // Dates as text (a year, a month or a day, as the fact sheets know them), never the array a bare ObjectMapper writes.
        assertThat(regulations.json().findValues("date")).isNotEmpty()
                .allMatch(d -> d.isTextual() && d.asText().matches("\\d{4}(-\\d{2}){0,2}"));
        Run topics = run("topics", "--json");
        assertThat(topics.status()).as(topics.err()).isZero();
        assertThat(topics.json().findValuesAsText("id")).contains("ai-training-on-user-content");
    }

    @Test
    void a_bad_database_url_is_refused_with_what_to_use() {
        Run run = run("--db-url", "mysql://localhost/x", "platforms");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("database URL \"mysql://localhost/x\" is not supported: use jdbc:postgresql://");
    }
}
