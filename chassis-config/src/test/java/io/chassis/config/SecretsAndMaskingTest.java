package io.chassis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SecretsAndMaskingTest extends FixtureTest {

    @Test
    void valueIsReadFromAMountedSecretFileWithoutItsTrailingNewline() throws Exception {
        Path secret = Files.writeString(temp.resolve("db-password"), "s3cr3t\n");
        fixture.write("application.yaml", "db:\n  login: \"${file:" + secret + "}\"\n");

        ChassisConfig config = fixture.load();

        assertThat(config.config().getString("db.login")).isEqualTo("s3cr3t");
        assertThat(config.isSecret("db.login")).isTrue();
        assertThat(config.render()).contains("db.login = ******").doesNotContain("s3cr3t");
        assertThat(config.watchedFiles()).contains(secret);
    }

    record Login(int login) {}

    @Test
    void aMistypedValueReadFromASecretFileIsMaskedEvenAtAnInnocentPath() throws Exception {
        Path secret = Files.writeString(temp.resolve("login"), "s3cr3t\n");
        fixture.write("application.yaml", "db:\n  login: \"${file:" + secret + "}\"\n");

        ChassisConfig config = fixture.load();

        assertThatThrownBy(() -> config.bind("db", Login.class))
                .hasMessageContaining("db.login must be a whole number, but was '******'.")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void secretFileCanBeNamedFromTheEnvironment() throws Exception {
        Path secret = Files.writeString(temp.resolve("token"), "abc");
        fixture.write("application.yaml", "payments:\n  api-token: none\n");
        fixture.env("PAYMENTS_API_TOKEN", "${file:" + secret + "}");

        assertThat(fixture.load().config().getString("payments.api-token")).isEqualTo("abc");
    }

    @Test
    void missingAndUnreadableSecretFilesAreBothReportedWithTheirKeys() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("not-a-file"));
        fixture.write(
                "application.conf",
                "db.password = \"${file:" + temp.resolve("absent") + "}\"\napi.key = \"${file:" + directory + "}\"\n");

        assertThatThrownBy(fixture::load)
                .isInstanceOf(ConfigProblemsException.class)
                .hasMessageContaining("Configuration has 2 errors:")
                .hasMessageContaining("application.conf: 1: db.password must name a readable secret file, but '"
                        + temp.resolve("absent") + "' cannot be used: it does not exist.")
                .hasMessageContaining("application.conf: 2: api.key must name a readable secret file");
    }

    @Test
    void secretLookingKeysAreMaskedInExplainAndRender() {
        fixture.write(
                "application.yaml",
                String.join(
                        "\n",
                        "db:",
                        "  password: hunter2",
                        "  user: app",
                        "stripe:",
                        "  apiKey: sk_live_1",
                        "  client-secret: cs",
                        "  accessTokens: [t1]",
                        "tls:",
                        "  private-key-path: /k",
                        "oauth:",
                        "  credentials:",
                        "    id: x",
                        "monkey: banana",
                        ""));

        ChassisConfig config = fixture.load();

        assertThat(config.explain())
                .filteredOn(ConfigEntry::secret)
                .extracting(ConfigEntry::path)
                .containsExactlyInAnyOrder(
                        "db.password",
                        "stripe.apiKey",
                        "stripe.client-secret",
                        "stripe.accessTokens",
                        "tls.private-key-path",
                        "oauth.credentials.id");
        assertThat(config.render())
                .contains("db.user = app", "monkey = banana")
                .doesNotContain("hunter2", "sk_live_1", "= cs", "t1");
    }

    @Test
    void maskingCanBeExtendedAndRevealedFromConfiguration() {
        fixture.write(
                "application.yaml",
                String.join(
                        "\n",
                        "chassis.config.mask:",
                        "  words: [iban]",
                        "  reveal: [tls.key-store-type]",
                        "customer-iban: DE00",
                        "tls.key-store-type: PKCS12",
                        ""));

        ChassisConfig config = fixture.load();

        assertThat(config.render()).contains("tls.key-store-type = PKCS12").doesNotContain("DE00");
    }
}
