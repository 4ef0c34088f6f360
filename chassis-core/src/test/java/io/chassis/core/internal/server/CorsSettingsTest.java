package io.chassis.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorsSettingsTest {

    @Test
    void anOriginIsSchemeHostAndPortAsBrowsersSendIt() {
        assertThat(CorsSettings.isOrigin("https://app.example.com")).isTrue();
        assertThat(CorsSettings.isOrigin("http://localhost:3000")).isTrue();
        assertThat(CorsSettings.isOrigin("*")).isTrue();

        assertThat(CorsSettings.isOrigin("https://app.example.com/")).isFalse();
        assertThat(CorsSettings.isOrigin("https://app.example.com/path")).isFalse();
        assertThat(CorsSettings.isOrigin("HTTPS://APP.EXAMPLE.COM")).isFalse();
        assertThat(CorsSettings.isOrigin("app.example.com")).isFalse();
        assertThat(CorsSettings.isOrigin("ftp://app.example.com")).isFalse();
        assertThat(CorsSettings.isOrigin("https://user@app.example.com")).isFalse();
        assertThat(CorsSettings.isOrigin("null")).isFalse();
    }
}
