package io.chassis.examples.hello;

/**
 * The {@code hello} section of application.yaml, bound and validated at startup.
 *
 * @param greeting the word to greet with, e.g. {@code Hello}
 * @param maxNameLength longest name accepted in a greeting
 */
public record HelloSettings(String greeting, int maxNameLength) {

    /** @throws IllegalArgumentException on a blank greeting or a non-positive length */
    public HelloSettings {
        if (greeting == null || greeting.isBlank()) {
            throw new IllegalArgumentException("greeting must not be blank");
        }
        if (maxNameLength < 1) {
            throw new IllegalArgumentException("max-name-length must be positive, but was '" + maxNameLength + "'");
        }
    }
}
