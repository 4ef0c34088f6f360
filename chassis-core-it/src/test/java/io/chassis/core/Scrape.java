package io.chassis.core;

import io.chassis.testing.TestClient;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one meter's value off the admin listener's Prometheus text, for tests that count requests. */
final class Scrape {

    private Scrape() {}

    /**
     * @param labelPairs label name, value, name, value, ...: a sample matches when it has all of them
     * @return the sum of the matching samples of {@code name}; 0 when there is none
     */
    static double value(TestClient admin, String name, String... labelPairs) {
        String text = admin.get("/metrics").send().expectStatus(200).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            if (matches(labels(line), labelPairs)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Our label values contain no escaped quotes or commas. */
    private static Map<String, String> labels(String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        int brace = line.indexOf('{');
        if (brace < 0) {
            return labels;
        }
        for (String pair : line.substring(brace + 1, line.lastIndexOf('}')).split(",")) {
            int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 2, pair.length() - 1));
        }
        return labels;
    }
}
