package io.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChassisExtensionAdminDisabledIT {

    @RegisterExtension
    static ChassisExtension app = ChassisExtension.of(KitService::builder).withConfig("chassis.admin.enabled", false);

    @Test
    void aDisabledAdminListenerHasNoClientAndNoUri() {
        assertThat(app.app().adminPort()).isEqualTo(-1);
        assertThatThrownBy(app::admin)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the admin listener is disabled (chassis.admin.enabled = false)");
        assertThatThrownBy(app::adminUri)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the admin listener is disabled (chassis.admin.enabled = false)");
        app.http().get("/missing").send().expectStatus(404);
    }
}
