package dev.clausewatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After signing in, a person goes back only to a page of this site, whatever the link said. */
class SignInRedirectTest {
    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example/", "/\n/evil.example", "evil.example"})
    void a_link_cannot_send_someone_elsewhere_after_signing_in(String then) {
        assertThat(AccountPages.local(then)).isEqualTo("/orgs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/watch?kind=provision&target=amazon-web-services/acceptable-use-policy%23p0123456789a", "/orgs/acme/alerts"})
    void a_page_of_the_site_is_where_one_returns(String then) {
        assertThat(AccountPages.local(then)).isEqualTo(then);
    }
}
