package dev.clausewatch.registry;

import java.util.List;

/**
 * A named filter applied after selection: OTA's custom functions by name ({@code removeTrackingIDs})
 * and its built-in filters with arguments ({@code {"removeQueryParams": ["utm_source"]}}).
 */
public record Filter(String name, List<String> arguments) {
    public Filter {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a filter needs a name");
        arguments = List.copyOf(arguments);
    }

    public static Filter named(String name) {
        return new Filter(name, List.of());
    }
}
