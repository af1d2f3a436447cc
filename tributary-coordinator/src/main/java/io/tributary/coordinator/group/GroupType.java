package io.tributary.coordinator.group;

import java.util.Locale;

/** The kinds of group, named as ListGroups v5+ reports and filters them. */
public enum GroupType {
    CLASSIC("classic"),
    CONSUMER("consumer");

    private final String wireName;

    GroupType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean matches(String filter) {
        return wireName.equals(filter.toLowerCase(Locale.ROOT));
    }
}
