package io.chassis.examples.currency;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A fixed exchange-rate table: rates, conversions and batch totals, in decimal arithmetic only (no
 * binary floating point anywhere). Plain Java; {@link CurrencyServiceImpl} maps it to gRPC.
 *
 * <p><b>The rule.</b> Every currency has one rate against the euro, {@code perEur} (units of it
 * for 1 EUR; EUR itself is 1). Every other rate is derived from those:
 *
 * <ul>
 *   <li>{@code rate(X, Y) = perEur(Y) / perEur(X)}, divided in {@link #RATE_CONTEXT} (16
 *       significant digits, half-even), trailing zeros stripped. So {@code rate(X, X)} is exactly
 *       1, and {@code rate(EUR, Y)} is {@code perEur(Y)} itself.
 *   <li>The rate's text is that value's {@link BigDecimal#toPlainString() plain string}: {@code
 *       "1"}, {@code "1.0823"}, {@code "0.9239582370876836"}, never an exponent.
 *   <li>{@code converted = amount × rate}, the exact product with the rate as its text says (full
 *       precision, not re-rounded), then rounded half-even to the quote currency's minor units (2
 *       for most, 0 for JPY) and written plain with exactly that many fraction digits ({@code
 *       "13.50"}, {@code "1624"}). A client that multiplies the amount by the rate string it got
 *       back reaches the same converted amount.
 *   <li>A batch total is the sum of the converted (already rounded) amounts per quote currency,
 *       written the same way.
 * </ul>
 *
 * <p><b>Validation</b>, in this order, so a request that is malformed is reported as malformed
 * even when it also names an unknown currency: each code must be exactly three upper-case ASCII
 * letters ({@link Problem#MALFORMED}), an amount must be a plain non-negative decimal — digits,
 * optionally a point and one to six fraction digits, at most {@value #MAX_INTEGER_DIGITS} integer
 * digits ({@link Problem#MALFORMED}); only then must each code be in the table ({@link
 * Problem#UNSUPPORTED}). Fields are checked base, quote, amount. Every rejection's message names the
 * field ({@code base}, {@code quote} or {@code amount}) and quotes what was sent.
 *
 * <p>Every rate is computed once, when the table is built; instances are immutable and
 * thread-safe ({@link Batch} is not: one per call).
 */
public final class Rates {

    /** How cross rates are divided: 16 significant digits, half-even (IEEE 754 decimal64). */
    public static final MathContext RATE_CONTEXT = MathContext.DECIMAL64;

    /**
     * The most integer digits an amount may have (amounts below 10^18, the range of a long in
     * minor units); a larger one is malformed, which keeps one request from costing more than a
     * few small multiplications.
     */
    public static final int MAX_INTEGER_DIGITS = 18;

    /** The most fraction digits an amount may have. */
    public static final int MAX_FRACTION_DIGITS = 6;

    /** When the built-in table was fixed; every rate is "as of" this instant. */
    public static final Instant FIXED_AS_OF = Instant.parse("2026-01-02T16:00:00Z");

    private static final int SHOWN_INPUT = 32;

    private final Instant asOf;
    private final List<Currency> currencies;
    private final Map<String, Integer> indexByCode;
    private final Quote[][] quotes;
    private final String supportedCodes;

    /**
     * Builds a table.
     *
     * @param asOf the one instant every rate is valid at
     * @param currencies the table; exactly one of them must be EUR with {@code perEur} 1
     * @throws IllegalArgumentException for a malformed or duplicate code, or no EUR at 1
     */
    public Rates(Instant asOf, List<Currency> currencies) {
        if (asOf == null) {
            throw new IllegalArgumentException("asOf must be set");
        }
        List<Currency> sorted = new ArrayList<>(currencies);
        sorted.sort(Comparator.comparing(Currency::code));
        Map<String, Integer> index = new HashMap<>();
        for (Currency currency : sorted) {
            if (index.put(currency.code(), index.size()) != null) {
                throw new IllegalArgumentException("currency " + currency.code() + " is listed twice");
            }
        }
        Integer eur = index.get("EUR");
        if (eur == null || sorted.get(eur).perEur().compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("the table must hold EUR with perEur 1, the base of every rate");
        }
        this.asOf = asOf;
        this.currencies = List.copyOf(sorted);
        this.indexByCode = Map.copyOf(index);
        this.quotes = new Quote[sorted.size()][sorted.size()];
        for (int b = 0; b < sorted.size(); b++) {
            for (int q = 0; q < sorted.size(); q++) {
                Currency base = sorted.get(b);
                Currency quote = sorted.get(q);
                BigDecimal rate =
                        quote.perEur().divide(base.perEur(), RATE_CONTEXT).stripTrailingZeros();
                quotes[b][q] = new Quote(base, quote, rate, rate.toPlainString());
            }
        }
        this.supportedCodes =
                String.join(", ", sorted.stream().map(Currency::code).toList());
    }

    /**
     * The built-in table: CHF, EUR, GBP, JPY and USD, fixed {@linkplain #FIXED_AS_OF as of}
     * 2026-01-02T16:00:00Z.
     */
    public static Rates fixed() {
        return new Rates(
                FIXED_AS_OF,
                List.of(
                        new Currency("EUR", "Euro", 2, new BigDecimal("1")),
                        new Currency("USD", "US Dollar", 2, new BigDecimal("1.0823")),
                        new Currency("GBP", "Pound Sterling", 2, new BigDecimal("0.85641")),
                        new Currency("JPY", "Japanese Yen", 0, new BigDecimal("162.37")),
                        new Currency("CHF", "Swiss Franc", 2, new BigDecimal("0.94215"))));
    }

    /** @return the instant every rate is valid at */
    public Instant asOf() {
        return asOf;
    }

    /** @return every currency, sorted by code */
    public List<Currency> currencies() {
        return currencies;
    }

    /**
     * The rate from {@code base} to {@code quote}: how many units of {@code quote} one unit of
     * {@code base} buys.
     *
     * @throws Rejected {@link Problem#MALFORMED} when a code is not three upper-case letters
     *     (checked for both first), {@link Problem#UNSUPPORTED} when it is not in the table
     */
    public Quote rate(String base, String quote) {
        requireCode("base", base);
        requireCode("quote", quote);
        return quotes[indexOf("base", base)][indexOf("quote", quote)];
    }

    /**
     * Converts {@code amount} of {@code base} into {@code quote}.
     *
     * @param amount a plain non-negative decimal such as {@code "12.50"}
     * @throws Rejected as {@link #rate}; {@link Problem#MALFORMED} for an amount that is not a plain
     *     decimal, checked before the codes' existence
     */
    public Conversion convert(String base, String quote, String amount) {
        requireCode("base", base);
        requireCode("quote", quote);
        requireAmount(amount);
        Quote rate = quotes[indexOf("base", base)][indexOf("quote", quote)];
        BigDecimal converted = new BigDecimal(amount)
                .multiply(rate.value())
                .setScale(rate.quote().minorUnits(), RoundingMode.HALF_EVEN);
        return new Conversion(amount, converted, rate);
    }

    /** @return an empty batch: conversions and their totals per quote currency */
    public Batch batch() {
        return new Batch();
    }

    private void requireCode(String field, String code) {
        if (code.isEmpty()) {
            throw new Rejected(Problem.MALFORMED, field, field + " is missing: expected a currency code such as EUR");
        }
        boolean wellFormed = code.length() == 3;
        for (int i = 0; wellFormed && i < 3; i++) {
            char c = code.charAt(i);
            wellFormed = c >= 'A' && c <= 'Z';
        }
        if (!wellFormed) {
            throw new Rejected(
                    Problem.MALFORMED,
                    field,
                    field + " " + shown(code)
                            + " is not a currency code: expected three upper-case letters such as EUR");
        }
    }

    private int indexOf(String field, String code) {
        Integer index = indexByCode.get(code);
        if (index == null) {
            throw new Rejected(
                    Problem.UNSUPPORTED,
                    field,
                    field + " " + shown(code) + " is not a supported currency; supported: " + supportedCodes);
        }
        return index;
    }

    private static void requireAmount(String amount) {
        if (amount.isEmpty()) {
            throw new Rejected(
                    Problem.MALFORMED, "amount", "amount is missing: expected a plain decimal such as \"12.50\"");
        }
        int integerDigits = 0;
        int i = 0;
        while (i < amount.length() && isDigit(amount.charAt(i))) {
            integerDigits++;
            i++;
        }
        int fractionDigits = -1; // no point
        if (i < amount.length() && amount.charAt(i) == '.') {
            i++;
            fractionDigits = 0;
            while (i < amount.length() && isDigit(amount.charAt(i))) {
                fractionDigits++;
                i++;
            }
        }
        boolean plain = integerDigits > 0 && i == amount.length() && fractionDigits != 0;
        if (!plain || fractionDigits > MAX_FRACTION_DIGITS) {
            throw new Rejected(
                    Problem.MALFORMED,
                    "amount",
                    "amount " + shown(amount) + " is not a plain non-negative decimal with at most "
                            + MAX_FRACTION_DIGITS + " fraction digits, such as \"12.50\"");
        }
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new Rejected(
                    Problem.MALFORMED,
                    "amount",
                    "amount " + shown(amount) + " is too large: at most " + MAX_INTEGER_DIGITS
                            + " digits before the point");
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9'; // not Character.isDigit: that takes other scripts' digits too
    }

    /** The client's text in quotes, cut short when long: it goes back in a status message. */
    private static String shown(String input) {
        return input.length() <= SHOWN_INPUT
                ? '"' + input + '"'
                : '"' + input.substring(0, SHOWN_INPUT) + "...\" (" + input.length() + " characters)";
    }

    /**
     * One currency of the table.
     *
     * @param code three upper-case letters (ISO 4217)
     * @param name its English name
     * @param minorUnits digits after the point in its amounts (2; JPY 0)
     * @param perEur how many units of it one euro buys
     */
    public record Currency(String code, String name, int minorUnits, BigDecimal perEur) {

        /** @throws IllegalArgumentException for a malformed code, blank name, or a rate not above 0 */
        public Currency {
            if (code == null || !code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("code must be three upper-case letters, was " + code);
            }
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(code + ": name must not be blank");
            }
            if (minorUnits < 0 || minorUnits > MAX_FRACTION_DIGITS) {
                throw new IllegalArgumentException(code + ": minorUnits must be 0.." + MAX_FRACTION_DIGITS);
            }
            if (perEur == null || perEur.signum() <= 0) {
                throw new IllegalArgumentException(code + ": perEur must be above 0");
            }
        }
    }

    /**
     * A rate between two currencies of the table.
     *
     * @param value units of {@code quote} per unit of {@code base}, trailing zeros stripped
     * @param text {@code value} as a plain string ({@code "1"}, {@code "0.9239582370876836"})
     */
    public record Quote(Currency base, Currency quote, BigDecimal value, String text) {}

    /**
     * One conversion.
     *
     * @param amount the amount as the client wrote it
     * @param converted the result, with exactly the quote currency's minor units as its scale
     * @param rate the rate it was converted at
     */
    public record Conversion(String amount, BigDecimal converted, Quote rate) {

        /** @return {@code converted} as a plain string with the quote currency's minor units */
        public String convertedText() {
            return converted.toPlainString();
        }
    }

    /** Why a request was refused. */
    public enum Problem {
        /** A code or amount is not written as the contract says. */
        MALFORMED,
        /** A well-formed code that is not in the table. */
        UNSUPPORTED
    }

    /** A refused request: what is wrong, with which field, in a message for the client. */
    public static final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final Problem problem;
        private final String field;

        Rejected(Problem problem, String field, String message) {
            super(message, null, false, false); // an answer for the client, not a failure: no stack trace
            this.problem = problem;
            this.field = field;
        }

        /** @return malformed or unsupported */
        public Problem problem() {
            return problem;
        }

        /** @return {@code base}, {@code quote} or {@code amount} */
        public String field() {
            return field;
        }
    }

    /**
     * Conversions of one batch and their totals. Not thread-safe: gRPC hands one call's messages
     * over one at a time.
     */
    public final class Batch {

        private final SortedMap<String, BigDecimal> totals = new TreeMap<>();
        private int count;

        private Batch() {}

        /**
         * Converts the next request of the batch and adds it to the totals.
         *
         * @throws Rejected as {@link Rates#convert}, its message starting with {@code "request at
         *     index N: "} (N counting from 0); the batch is unchanged
         */
        public Conversion convert(String base, String quote, String amount) {
            Conversion conversion;
            try {
                conversion = Rates.this.convert(base, quote, amount);
            } catch (Rejected e) {
                throw new Rejected(e.problem(), e.field(), "request at index " + count + ": " + e.getMessage());
            }
            totals.merge(conversion.rate().quote().code(), conversion.converted(), BigDecimal::add);
            count++;
            return conversion;
        }

        /** @return how many requests were converted */
        public int count() {
            return count;
        }

        /**
         * @return quote code to the sum of the converted amounts in that currency, as plain strings
         *     with its minor units, sorted by code; empty for an empty batch
         */
        public SortedMap<String, String> totals() {
            SortedMap<String, String> text = new TreeMap<>();
            totals.forEach((code, sum) -> text.put(code, sum.toPlainString()));
            return text;
        }
    }
}
