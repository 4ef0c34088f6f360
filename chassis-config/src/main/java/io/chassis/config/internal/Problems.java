package io.chassis.config.internal;

import com.typesafe.config.ConfigException;
import io.chassis.config.ConfigProblem;

/** Turns typesafe config exceptions into problems without their stack traces. */
final class Problems {

    private Problems() {}

    static ConfigProblem of(ConfigException e, String hint) {
        String origin = e.origin() == null ? "" : e.origin().description();
        String message = e.getMessage();
        if (!origin.isEmpty() && message.startsWith(origin + ": ")) {
            message = message.substring(origin.length() + 2);
        }
        return new ConfigProblem(origin, "", "has an error: " + message + (hint.isEmpty() ? "" : ". " + hint));
    }
}
