package io.chassis.config.internal;

import com.typesafe.config.ConfigException;
import io.chassis.config.ConfigProblem;

/** The texts of problems: typesafe config exceptions without their stack traces, and broken rules. */
public final class Problems {

    private Problems() {}

    /**
     * The house format of a broken rule: {@code must <rule>, but was '<value>'. <fix>}.
     *
     * @param rule what the value must do, starting with a verb ("be positive")
     * @param shown the value as it may be shown (already masked when secret)
     * @param fix how to fix it; empty for none
     * @return the message
     */
    public static String broken(String rule, String shown, String fix) {
        String hint = fix == null || fix.isEmpty() ? "" : " " + fix;
        return "must " + rule + ", but was '" + shown + "'." + hint;
    }

    /**
     * @param e what typesafe config threw
     * @param hint how to fix it; empty for none
     * @return the problem, at the exception's origin
     */
    public static ConfigProblem of(ConfigException e, String hint) {
        String origin = e.origin() == null ? "" : e.origin().description();
        String message = e.getMessage();
        if (!origin.isEmpty() && message.startsWith(origin + ": ")) {
            message = message.substring(origin.length() + 2);
        }
        return new ConfigProblem(origin, "", "has an error: " + message + (hint.isEmpty() ? "" : ". " + hint));
    }
}
