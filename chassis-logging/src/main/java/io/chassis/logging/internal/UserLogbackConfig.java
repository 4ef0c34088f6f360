package io.chassis.logging.internal;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.core.util.Loader;
import ch.qos.logback.core.util.OptionHelper;

/**
 * Finds out whether the user brought a logback configuration of their own, using the same rules as
 * logback's {@code DefaultJoranConfigurator}: the {@code logback.configurationFile} system property,
 * then {@code logback-test.xml}, then {@code logback.xml} on the class path.
 */
public final class UserLogbackConfig {

    private UserLogbackConfig() {}

    /** Returns a description of the user's configuration, or {@code null} if there is none. */
    public static String find(ClassLoader classLoader) {
        String property = OptionHelper.getSystemProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return "-D" + ClassicConstants.CONFIG_FILE_PROPERTY + "=" + property;
        }
        for (String resource : new String[] {ClassicConstants.TEST_AUTOCONFIG_FILE, ClassicConstants.AUTOCONFIG_FILE}) {
            if (Loader.getResource(resource, classLoader) != null) {
                return resource + " on the class path";
            }
        }
        return null;
    }
}
