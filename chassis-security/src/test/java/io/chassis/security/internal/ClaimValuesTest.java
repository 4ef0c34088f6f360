package io.chassis.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimValuesTest {

    @Test
    void aSpaceSeparatedStringGivesEachNameOnce() {
        assertThat(ClaimValues.names(" a  b a c ")).containsExactly("a", "b", "c");
    }

    @Test
    void anArrayGivesItsStringItemsAndOtherTypesGiveNothing() {
        assertThat(ClaimValues.names(Arrays.asList("a", 3, null, "", "b"))).containsExactly("a", "b");
        assertThat(ClaimValues.names(42L)).isEmpty();
        assertThat(ClaimValues.names(null)).isEmpty();
    }

    @Test
    void frozenClaimsAreReadOnlyAllTheWayDownAndKeepNulls() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", new ArrayList<>(Arrays.asList(1L, null)));

        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) ClaimValues.frozen(Map.of("inner", inner));

        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) ((Map<String, Object>) frozen.get("inner")).get("list");
        assertThat(list).containsExactly(1L, null);
        assertThatThrownBy(() -> list.add(2L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
