package io.tributary.console.search;

import java.util.Locale;

/** Where a search looks: the key, the value, or either and the header values too. */
public enum SearchField {
    KEY, VALUE, ANY;

    public static SearchField parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field must be key, value or any, not '" + name + "'");
        }
    }
}
