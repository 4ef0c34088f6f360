package io.chassis.examples.hello;

import io.chassis.config.ConfigRules;

/**
 * The {@code hello} section of application.yaml, bound and validated at startup.
 *
 * @param greeting the word to greet with, e.g. {@code Hello}
 * @param maxNameLength longest name accepted in a greeting
 */
public record HelloSettings(String greeting, int maxNameLength) {

    /**
     * Checks the values; the binder reports a broken rule with the key's own file and line.
     *
     * @throws io.chassis.config.ConfigRuleException on a blank greeting or a non-positive length
     */
    public HelloSettings {
        ConfigRules.check(
                greeting != null && !greeting.isBlank(), "greeting", "not be blank", greeting, "Say e.g. Hello.");
        ConfigRules.check(maxNameLength >= 1, "max-name-length", "be positive", maxNameLength, "Use e.g. 40.");
    }
}
