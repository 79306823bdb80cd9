package dev.clausewatch.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clausewatch.TestStores;
import dev.clausewatch.alert.DeliveryConfig;
import dev.clausewatch.alert.Plan;
import dev.clausewatch.alert.Watch;
import dev.clausewatch.cli.Workspace;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Accounts on real stores with a real SMTP server: passwords, sessions, resets, invitations, roles and tokens. */
class AccountsTest {
    @TempDir Path dir;
    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private Workspace open(TestStores store) {
        return store.open(dir, DeliveryConfig.fromEnvironment(Map.of("CLAUSEWATCH_BASE_URL", "https://cw.test"))
                .withSmtp("127.0.0.1", smtp.getSmtp().getPort()));
    }

    private String lastLink(String path) {
        var mails = smtp.getReceivedMessages();
        Matcher m = Pattern.compile("https://cw\\.test" + Pattern.quote(path) + "\\?token=(\\S+)").matcher(GreenMailUtil.getBody(mails[mails.length - 1]).replace("=\r\n", ""));
        assertThat(m.find()).as("a link to " + path + " in the last mail").isTrue();
        return m.group(1).replace("=3D", "=");
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void a_person_signs_up_signs_in_and_resets_a_forgotten_password_once(TestStores store) {
        try (Workspace w = open(store)) {
            Accounts accounts = w.accounts();
            User ada = accounts.signUp("Ada@Example.test", "Ada", "correct horse battery staple");
            assertThat(ada.email()).isEqualTo("ada@example.test");
            assertThatThrownBy(() -> accounts.signUp("ada@example.test", "Ada again", "another long passphrase")).hasMessageContaining("exists already");
            assertThatThrownBy(() -> accounts.signUp("bob@example.test", "Bob", "short")).hasMessage("a password has at least 12 characters");
            assertThatThrownBy(() -> accounts.signUp("bob@example.test", "Bob", "aaaaaaaaaaaaaaaa")).hasMessageContaining("too easy to guess");
            assertThatThrownBy(() -> accounts.signUp("not an address", "Bob", "correct horse battery staple")).hasMessageContaining("is not an e-mail address");

            Accounts.Session session = accounts.signIn("ADA@example.test", "correct horse battery staple");
            assertThat(accounts.session(session.token())).hasValueSatisfying(s -> assertThat(s.user()).isEqualTo(ada));
            assertThat(session.csrf()).isNotBlank().isNotEqualTo(session.token());
            assertThatThrownBy(() -> accounts.signIn("ada@example.test", "wrong password!!")).isInstanceOfSatisfying(Refused.class,
                    r -> assertThat(r.kind()).isEqualTo(Refused.Kind.UNAUTHENTICATED));
            assertThatThrownBy(() -> accounts.signIn("nobody@example.test", "wrong password!!")).hasMessage("the address or the password is wrong");

            accounts.requestReset("nobody@example.test");
            assertThat(smtp.getReceivedMessages()).as("no mail says who has no account").isEmpty();
            accounts.requestReset("ada@example.test");
            String token = lastLink("/reset");
            accounts.resetPassword(token, "a brand new passphrase");
            assertThat(accounts.session(session.token())).as("a reset ends every session").isEmpty();
            assertThatThrownBy(() -> accounts.resetPassword(token, "yet another passphrase")).hasMessageContaining("unknown, used or expired");
            assertThat(accounts.signIn("ada@example.test", "a brand new passphrase").user()).isEqualTo(ada);
            accounts.signOut(session.token());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestStores.class, names = "SQLITE")
    void sign_in_is_limited_to_five_attempts_a_minute_per_address(TestStores store) {
        try (Workspace w = open(store)) {
            w.accounts().signUp("ada@example.test", "Ada", "correct horse battery staple");
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> w.accounts().signIn("ada@example.test", "guess number " + Math.random()))
                        .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.kind()).isEqualTo(Refused.Kind.UNAUTHENTICATED));
            }
            assertThatThrownBy(() -> w.accounts().signIn("ada@example.test", "correct horse battery staple"))
                    .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.kind()).isEqualTo(Refused.Kind.TOO_MANY))
                    .hasMessageContaining("too many sign-in attempts");
        }
    }

    @ParameterizedTest
    @EnumSource(TestStores.class)
    void members_act_by_their_role_and_outsiders_do_not_see_the_organisation(TestStores store) {
        try (Workspace w = open(store)) {
            User ada = w.accounts().signUp("ada@example.test", "Ada", "correct horse battery staple");
            User bob = w.accounts().signUp("bob@example.test", "Bob", "another long passphrase");
            User eve = w.accounts().signUp("eve@example.test", "Eve", "an outsider's passphrase");
            Memberships memberships = w.memberships();
            memberships.createOrganisation(ada, "acme", "Acme");
            assertThat(w.alerts().organisation("acme").orElseThrow().plan()).isEqualTo(Plan.FREE);
            Access owner = memberships.access(ada, "acme");

            memberships.invite(owner, "bob@example.test", Role.VIEWER);
            String invitation = lastLink("/invitations");
            assertThatThrownBy(() -> memberships.accept(eve, invitation)).as("refused without using it up")
                    .hasMessageContaining("this invitation is for bob@example.test");
            assertThat(memberships.accept(bob, invitation).role()).isEqualTo(Role.VIEWER);
            Access viewer = memberships.access(bob, "acme");
            assertThat(w.organisationRecords().watches(viewer)).isEmpty();
            assertThatThrownBy(() -> w.organisationRecords().watch(viewer, Watch.platform("amazon-web-services")))
                    .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.kind()).isEqualTo(Refused.Kind.FORBIDDEN))
                    .hasMessage("bob@example.test may not watch in acme as viewer");
            assertThatThrownBy(() -> memberships.access(eve, "acme")).isInstanceOfSatisfying(Refused.class,
                    r -> assertThat(r.kind()).isEqualTo(Refused.Kind.NOT_FOUND)).hasMessage("there is no organisation acme");

            memberships.invite(owner, "ada@example.test", Role.VIEWER);
            String selfInvitation = lastLink("/invitations");
            assertThatThrownBy(() -> memberships.accept(ada, selfInvitation)).as("accepting never demotes a member")
                    .hasMessage("you are already owner of acme");
            assertThat(memberships.access(ada, "acme").role()).contains(Role.OWNER);

            memberships.changeRole(owner, bob.id(), Role.ADMIN);
            Access admin = memberships.access(bob, "acme");
            assertThatThrownBy(() -> memberships.changeRole(admin, ada.id(), Role.VIEWER)).hasMessageContaining("cannot give or change the role owner");
            assertThatThrownBy(() -> memberships.remove(owner, ada.id())).hasMessageContaining("would have no owner");

            Memberships.NewToken token = memberships.createToken(admin, "CI", Set.of(ApiToken.Scope.READ));
            assertThat(token.secret()).startsWith("cwt_");
            Access byToken = memberships.access(token.secret(), "acme");
            assertThat(byToken.may(Permission.READ)).isTrue();
            assertThat(byToken.may(Permission.WATCH)).isFalse();
            memberships.createOrganisation(eve, "evilcorp", "Evil Corp");
            assertThatThrownBy(() -> memberships.access(token.secret(), "evilcorp")).hasMessage("there is no organisation evilcorp");
            memberships.revokeToken(admin, token.token().id());
            assertThatThrownBy(() -> memberships.access(token.secret(), "acme")).isInstanceOfSatisfying(Refused.class,
                    r -> assertThat(r.kind()).isEqualTo(Refused.Kind.UNAUTHENTICATED));
            assertThat(memberships.tokens(admin)).singleElement().satisfies(t -> assertThat(t.revokedAt()).isPresent());
        }
    }
}
