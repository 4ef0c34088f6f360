package io.chassis.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UriTemplatesTest {

    @Test
    void fillsPlaceholdersInOrderWithEncodedValues() {
        String path = UriTemplates.expand("/orders/{id}/lines/{line}", new Object[] {"a b/ü", 7});

        assertThat(path).isEqualTo("/orders/a%20b%2F%C3%BC/lines/7");
    }

    @Test
    void rejectsTooFewOrTooManyValuesAndRelativeTemplates() {
        assertThatThrownBy(() -> UriTemplates.expand("/orders/{id}", new Object[0]))
                .hasMessageContaining("needs a value for each placeholder, but 0 were given");
        assertThatThrownBy(() -> UriTemplates.expand("/orders", new Object[] {1}))
                .hasMessageContaining("but 1 were given");
        assertThatThrownBy(() -> UriTemplates.expand("orders", new Object[0]))
                .hasMessageContaining("must start with '/'");
    }
}
