package io.chassis.examples.currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chassis.examples.currency.Rates.Problem;
import io.chassis.examples.currency.Rates.Rejected;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rate table's rule, validation and rounding. Expected strings were computed independently
 * (Python's decimal module, 16 digits, half-even), not with the code under test.
 */
class RatesTest {

    static final Rates RATES = Rates.fixed();

    @Nested
    class Table {

        @Test
        void holdsTheFiveCurrenciesSortedByCodeWithTheirMinorUnits() {
            assertThat(RATES.currencies())
                    .extracting(Rates.Currency::code, Rates.Currency::name, Rates.Currency::minorUnits)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("CHF", "Swiss Franc", 2),
                            org.assertj.core.groups.Tuple.tuple("EUR", "Euro", 2),
                            org.assertj.core.groups.Tuple.tuple("GBP", "Pound Sterling", 2),
                            org.assertj.core.groups.Tuple.tuple("JPY", "Japanese Yen", 0),
                            org.assertj.core.groups.Tuple.tuple("USD", "US Dollar", 2));
        }

        @Test
        void hasOneFixedAsOf() {
            assertThat(RATES.asOf()).isEqualTo(Instant.parse("2026-01-02T16:00:00Z"));
            assertThat(Rates.fixed().asOf()).isEqualTo(RATES.asOf());
        }

        @Test
        void refusesATableWithoutEuroAtOneOrWithADuplicate() {
            Rates.Currency usd = new Rates.Currency("USD", "US Dollar", 2, new BigDecimal("1.0823"));
            assertThatThrownBy(() -> new Rates(Instant.EPOCH, List.of(usd)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EUR");
            assertThatThrownBy(() -> new Rates(
                            Instant.EPOCH, List.of(new Rates.Currency("EUR", "Euro", 2, new BigDecimal("1.1")), usd)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EUR");
            Rates.Currency eur = new Rates.Currency("EUR", "Euro", 2, new BigDecimal("1.000"));
            assertThatThrownBy(() -> new Rates(Instant.EPOCH, List.of(eur, usd, usd)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("USD is listed twice");
            assertThatThrownBy(() -> new Rates.Currency("usd", "US Dollar", 2, BigDecimal.ONE))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Rates.Currency("USD", "US Dollar", 2, BigDecimal.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RateRule {

        @ParameterizedTest(name = "{0} -> {1} = {2}")
        @CsvSource({
            "EUR, USD, 1.0823",
            "EUR, GBP, 0.85641",
            "EUR, JPY, 162.37",
            "EUR, CHF, 0.94215",
            "USD, EUR, 0.9239582370876836",
            "USD, JPY, 150.0230989559272",
            "GBP, USD, 1.263763851426303",
            "JPY, EUR, 0.006158773172384061",
            "JPY, CHF, 0.005802488144361643",
            "CHF, GBP, 0.908995382900812",
            "CHF, USD, 1.148755506023457",
        })
        void crossRatesComeFromTheEuroRatesIn16DigitsHalfEven(String base, String quote, String expected) {
            Rates.Quote rate = RATES.rate(base, quote);

            assertThat(rate.text()).isEqualTo(expected);
            assertThat(rate.value()).isEqualByComparingTo(expected);
            assertThat(rate.base().code()).isEqualTo(base);
            assertThat(rate.quote().code()).isEqualTo(quote);
        }

        @Test
        void aCurrencyAgainstItselfIsExactlyOne() {
            for (Rates.Currency c : RATES.currencies()) {
                assertThat(RATES.rate(c.code(), c.code()).text()).as(c.code()).isEqualTo("1");
            }
        }

        @Test
        void everyRateIsAPlainDecimalWithoutExponentOrTrailingZeros() {
            for (Rates.Currency base : RATES.currencies()) {
                for (Rates.Currency quote : RATES.currencies()) {
                    String text = RATES.rate(base.code(), quote.code()).text();
                    assertThat(text).as(base.code() + "/" + quote.code()).matches("(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");
                }
            }
        }

        @Test
        void anEuroRateWithTrailingZerosIsStrippedAndALargeRateIsNotWrittenWithAnExponent() {
            Rates table = new Rates(
                    Instant.EPOCH,
                    List.of(
                            new Rates.Currency("EUR", "Euro", 2, new BigDecimal("1.00")),
                            new Rates.Currency("XAA", "Test A", 2, new BigDecimal("1.5000")),
                            new Rates.Currency("XBB", "Test B", 0, new BigDecimal("2000"))));

            assertThat(table.rate("EUR", "XAA").text()).isEqualTo("1.5");
            assertThat(table.rate("EUR", "XBB").text()).isEqualTo("2000"); // stripped 2E+3
            assertThat(table.rate("XAA", "EUR").text()).isEqualTo("0.6666666666666667");
            assertThat(table.rate("XAA", "XAA").text()).isEqualTo("1");
        }

        @Test
        void theSameQuoteIsReturnedEveryTime() {
            assertThat(RATES.rate("GBP", "JPY")).isSameAs(RATES.rate("GBP", "JPY"));
        }
    }

    @Nested
    class CodeValidation {

        @ParameterizedTest
        @ValueSource(strings = {"eur", "Eur", "EU", "EURO", "E1R", "EU ", " EUR", "ÉUR", "ＥＵＲ", "EUR\n"})
        void aCodeThatIsNotThreeUpperCaseAsciiLettersIsMalformed(String code) {
            Rejected base = catchThrowableOfType(Rejected.class, () -> RATES.rate(code, "USD"));
            Rejected quote = catchThrowableOfType(Rejected.class, () -> RATES.rate("USD", code));

            assertThat(base.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(base.field()).isEqualTo("base");
            assertThat(base.getMessage())
                    .isEqualTo("base \"" + code
                            + "\" is not a currency code: expected three upper-case letters such as EUR");
            assertThat(quote.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(quote.field()).isEqualTo("quote");
            assertThat(quote.getMessage()).startsWith("quote \"" + code + "\" is not a currency code");
        }

        @Test
        void anEmptyCodeIsMalformedAndCalledMissing() {
            Rejected e = catchThrowableOfType(Rejected.class, () -> RATES.rate("EUR", ""));

            assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(e.field()).isEqualTo("quote");
            assertThat(e.getMessage()).isEqualTo("quote is missing: expected a currency code such as EUR");
        }

        @Test
        void aWellFormedCodeThatIsNotInTheTableIsUnsupported() {
            Rejected e = catchThrowableOfType(Rejected.class, () -> RATES.rate("EUR", "XXX"));

            assertThat(e.problem()).isEqualTo(Problem.UNSUPPORTED);
            assertThat(e.field()).isEqualTo("quote");
            assertThat(e.getMessage())
                    .isEqualTo("quote \"XXX\" is not a supported currency; supported: CHF, EUR, GBP, JPY, USD");
        }

        @Test
        void formIsCheckedForBothCodesBeforeExistence() {
            // unknown base, malformed quote: malformed wins
            Rejected unknownThenMalformed = catchThrowableOfType(Rejected.class, () -> RATES.rate("XXX", "usd"));
            // both unknown: the base is reported
            Rejected bothUnknown = catchThrowableOfType(Rejected.class, () -> RATES.rate("XXX", "YYY"));
            // both malformed: the base is reported
            Rejected bothMalformed = catchThrowableOfType(Rejected.class, () -> RATES.rate("x", "y"));

            assertThat(unknownThenMalformed.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(unknownThenMalformed.field()).isEqualTo("quote");
            assertThat(bothUnknown.problem()).isEqualTo(Problem.UNSUPPORTED);
            assertThat(bothUnknown.field()).isEqualTo("base");
            assertThat(bothMalformed.field()).isEqualTo("base");
        }

        @Test
        void aLongInputIsCutShortInTheMessage() {
            String code = "A".repeat(10_000);
            Rejected e = catchThrowableOfType(Rejected.class, () -> RATES.rate(code, "EUR"));

            assertThat(e.getMessage())
                    .isEqualTo("base \"" + "A".repeat(32) + "...\" (10000 characters) is not a currency code: "
                            + "expected three upper-case letters such as EUR");
        }

        @Test
        void aRejectionCarriesNoStackTrace() {
            Rejected e = catchThrowableOfType(Rejected.class, () -> RATES.rate("EUR", "XXX"));

            assertThat(e.getStackTrace()).isEmpty();
        }
    }

    @Nested
    class AmountValidation {

        @ParameterizedTest
        @ValueSource(strings = {"0", "12.50", "12.5", "007", "0.000001", "1.123456", "999999999999999999"})
        void aPlainNonNegativeDecimalWithUpToSixFractionDigitsIsAccepted(String amount) {
            assertThat(RATES.convert("EUR", "EUR", amount).amount()).isEqualTo(amount);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "-1",
                    "+1",
                    "1e3",
                    "1E3",
                    "1.",
                    ".5",
                    "1,5",
                    "1.1234567",
                    " 1",
                    "1 ",
                    "1.2.3",
                    "NaN",
                    "Infinity",
                    "0x10",
                    "١٢",
                    "１２",
                    "12.50 EUR",
                    "1_000"
                })
        void anythingElseIsMalformedAndNamesTheAmount(String amount) {
            Rejected e = catchThrowableOfType(Rejected.class, () -> RATES.convert("EUR", "USD", amount));

            assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(e.field()).isEqualTo("amount");
            assertThat(e.getMessage())
                    .isEqualTo("amount \"" + amount
                            + "\" is not a plain non-negative decimal with at most 6 fraction digits, "
                            + "such as \"12.50\"");
        }

        @Test
        void anEmptyAmountIsCalledMissing() {
            Rejected e = catchThrowableOfType(Rejected.class, () -> RATES.convert("EUR", "USD", ""));

            assertThat(e.field()).isEqualTo("amount");
            assertThat(e.getMessage()).isEqualTo("amount is missing: expected a plain decimal such as \"12.50\"");
        }

        @Test
        void moreThanEighteenIntegerDigitsIsMalformed() {
            Rejected e = catchThrowableOfType(Rejected.class, () -> RATES.convert("EUR", "USD", "1234567890123456789"));

            assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(e.getMessage())
                    .isEqualTo("amount \"1234567890123456789\" is too large: at most 18 digits before the point");
        }

        @Test
        void codesAreCheckedBeforeTheAmountAndTheAmountBeforeExistence() {
            Rejected badCodeAndAmount = catchThrowableOfType(Rejected.class, () -> RATES.convert("EUR", "us", "x"));
            Rejected unknownCodeBadAmount =
                    catchThrowableOfType(Rejected.class, () -> RATES.convert("XXX", "USD", "x"));

            assertThat(badCodeAndAmount.field()).isEqualTo("quote");
            assertThat(unknownCodeBadAmount.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(unknownCodeBadAmount.field()).isEqualTo("amount");
        }
    }

    @Nested
    class Conversion {

        @ParameterizedTest(name = "{2} {0} -> {3} {1}")
        @CsvSource({
            "EUR, USD, 12.50, 13.53", // 13.52875
            "USD, EUR, 12.50, 11.55", // 11.549477963596045
            "EUR, JPY, 10.00, 1624", // 1623.7: JPY has no minor units
            "EUR, JPY, 1.5, 244", // 243.555
            "JPY, EUR, 1000, 6.16", // 6.158773172384061
            "GBP, USD, 5.5, 6.95", // 6.9507011828446665
            "USD, JPY, 100, 15002", // 15002.30989559272
            "CHF, GBP, 0.000001, 0.00",
            "EUR, USD, 0, 0.00",
            "EUR, EUR, 12.5, 12.50", // the quote's minor units, trailing zero kept
        })
        void isAmountTimesTheFullRateRoundedToTheQuotesMinorUnits(
                String base, String quote, String amount, String converted) {
            Rates.Conversion conversion = RATES.convert(base, quote, amount);

            assertThat(conversion.convertedText()).isEqualTo(converted);
            assertThat(conversion.amount()).isEqualTo(amount);
            assertThat(conversion.rate()).isSameAs(RATES.rate(base, quote));
        }

        @ParameterizedTest(name = "{2} {0} -> {3} {1}")
        @CsvSource({
            "EUR, USD, 50, 54.12", // 54.115: the odd digit rounds up to even
            "EUR, USD, 150, 162.34", // 162.345: half-up would give 162.35
            "EUR, JPY, 50, 8118", // 8118.5: half-up would give 8119
            "EUR, JPY, 150, 24356", // 24355.5
            "EUR, EUR, 0.125, 0.12",
            "EUR, EUR, 0.135, 0.14",
            "JPY, JPY, 2.5, 2",
            "JPY, JPY, 3.5, 4",
            "USD, USD, 0.005, 0.00",
            "USD, USD, 0.015, 0.02",
        })
        void tiesRoundHalfEven(String base, String quote, String amount, String converted) {
            assertThat(RATES.convert(base, quote, amount).convertedText()).isEqualTo(converted);
        }

        @Test
        void theRateTextTimesTheAmountGivesTheSameResultAsAClientWouldCompute() {
            Rates.Conversion conversion = RATES.convert("USD", "EUR", "12.50");

            BigDecimal clientSide = new BigDecimal("12.50")
                    .multiply(new BigDecimal(conversion.rate().text()))
                    .setScale(2, java.math.RoundingMode.HALF_EVEN);
            assertThat(conversion.convertedText()).isEqualTo(clientSide.toPlainString());
        }

        @Test
        void theLargestAmountIsConvertedExactly() {
            assertThat(RATES.convert("EUR", "JPY", "999999999999999999.999999").convertedText())
                    .isEqualTo("162370000000000000000"); // 162369999999999999999.9998376
        }
    }

    @Nested
    class BatchTotals {

        @Test
        void countsEveryRequestAndSumsTheConvertedAmountsPerQuote() {
            Rates.Batch batch = RATES.batch();

            assertThat(batch.convert("EUR", "USD", "12.50").convertedText()).isEqualTo("13.53");
            assertThat(batch.convert("GBP", "USD", "5.5").convertedText()).isEqualTo("6.95");
            assertThat(batch.convert("EUR", "JPY", "10.00").convertedText()).isEqualTo("1624");
            assertThat(batch.convert("EUR", "JPY", "1.5").convertedText()).isEqualTo("244");
            assertThat(batch.convert("USD", "EUR", "0").convertedText()).isEqualTo("0.00");

            assertThat(batch.count()).isEqualTo(5);
            assertThat(batch.totals())
                    .containsExactly(Map.entry("EUR", "0.00"), Map.entry("JPY", "1868"), Map.entry("USD", "20.48"));
        }

        @Test
        void sumsTheRoundedAmountsNotTheUnroundedProducts() {
            Rates.Batch batch = RATES.batch();
            batch.convert("EUR", "EUR", "0.125"); // 0.12
            batch.convert("EUR", "EUR", "0.125"); // 0.12; the unrounded sum 0.25 would differ

            assertThat(batch.totals()).containsExactly(Map.entry("EUR", "0.24"));
        }

        @Test
        void anEmptyBatchHasCountZeroAndNoTotals() {
            Rates.Batch batch = RATES.batch();

            assertThat(batch.count()).isZero();
            assertThat(batch.totals()).isEmpty();
        }

        @Test
        void aRefusedRequestNamesItsIndexAndLeavesTheBatchUnchanged() {
            Rates.Batch batch = RATES.batch();
            batch.convert("EUR", "USD", "1");
            batch.convert("EUR", "USD", "2");

            Rejected malformed = catchThrowableOfType(Rejected.class, () -> batch.convert("EUR", "USD", "3,00"));
            Rejected unknown = catchThrowableOfType(Rejected.class, () -> batch.convert("EUR", "XXX", "3"));

            assertThat(malformed.problem()).isEqualTo(Problem.MALFORMED);
            assertThat(malformed.field()).isEqualTo("amount");
            assertThat(malformed.getMessage())
                    .isEqualTo("request at index 2: amount \"3,00\" is not a plain non-negative decimal with "
                            + "at most 6 fraction digits, such as \"12.50\"");
            assertThat(unknown.problem()).isEqualTo(Problem.UNSUPPORTED);
            assertThat(unknown.getMessage()).startsWith("request at index 2: quote \"XXX\" is not a supported");
            assertThat(batch.count()).isEqualTo(2);
            assertThat(batch.totals()).containsExactly(Map.entry("USD", "3.24")); // 1.08 + 2.16
        }
    }
}
