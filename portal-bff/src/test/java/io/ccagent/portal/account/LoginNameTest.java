package io.ccagent.portal.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginNameTest {

    @Test
    void domainIsCaseInsensitiveAndSpacesAreIgnored() {
        assertThat(LoginName.parse("  1002@XYZCorporation.COM ")).hasValueSatisfying(
                agent -> assertThat(agent.toString()).isEqualTo("1002@xyzcorporation.com"));
    }

    @Test
    void somethingThatIsNotExtensionAtDomainIsNoLogin() {
        assertThat(LoginName.parse("1002")).isEmpty();
        assertThat(LoginName.parse("@xyz.com")).isEmpty();
        assertThat(LoginName.parse("1002@")).isEmpty();
        assertThat(LoginName.parse("10 02@xyz.com")).isEmpty();
        assertThat(LoginName.parse(null)).isEmpty();
    }
}
