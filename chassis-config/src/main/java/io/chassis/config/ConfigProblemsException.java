package io.chassis.config;

import java.util.List;

/**
 * Thrown when configuration cannot be loaded or bound. It carries <em>every</em> problem found, not
 * only the first, and its message lists them one per line.
 */
public final class ConfigProblemsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    /**
     * Creates the exception.
     *
     * @param problems what is wrong; must not be empty
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigProblemsException(List<ConfigProblem> problems) {
        super(format(problems), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigProblemsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Returns every problem found, in the order they were found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder("Configuration has ")
                .append(problems.size())
                .append(problems.size() == 1 ? " error:" : " errors:");
        for (ConfigProblem problem : problems) {
            text.append("\n  * ").append(problem);
        }
        return text.toString();
    }
}
