package io.chassis.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExchangeContextTest {

    @Test
    void recognisesJsonContentTypes() {
        assertThat(ExchangeContext.isJson("application/json")).isTrue();
        assertThat(ExchangeContext.isJson("Application/JSON; charset=utf-8")).isTrue();
        assertThat(ExchangeContext.isJson("application/merge-patch+json")).isTrue();
    }

    @Test
    void rejectsOtherContentTypes() {
        assertThat(ExchangeContext.isJson(null)).isFalse();
        assertThat(ExchangeContext.isJson("text/plain")).isFalse();
        assertThat(ExchangeContext.isJson("text/json")).isFalse();
        assertThat(ExchangeContext.isJson("application/jsonx")).isFalse();
    }
}
