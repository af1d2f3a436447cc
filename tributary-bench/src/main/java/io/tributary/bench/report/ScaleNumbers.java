package io.tributary.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reading and printing the figures' numbers. */
final class ScaleNumbers {

    // Plain decimals only: Double.parseDouble would also take "NaN", "Infinity", "12d" or hex, which no figure is.
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final MathContext THREE_DIGITS = new MathContext(3);

    private ScaleNumbers() {
    }

    /** The number a value holds, or null when it is text. */
    static Double parse(String value) {
        if (value == null) return null;
        String text = value.strip();
        if (!DECIMAL.matcher(text).matches()) return null;
        double number = Double.parseDouble(text);
        return Double.isFinite(number) ? number : null;
    }

    /** At or above 100 no decimals (812345, 143); below, three significant digits at most (12.3, 1.5, 0.0123). */
    static String format(double value) {
        if (Math.abs(value) >= 100) return String.format(Locale.ROOT, "%.0f", value);
        if (value == 0) return "0";
        return BigDecimal.valueOf(value).round(THREE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** Two decimals, as the ratio column of bench/run.sh prints them. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
