package com.fairtradeworker.infrastructure.terraform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Normalises the values hcl4j produces. It evaluates what it can (literals, variable defaults, simple functions) and
 * leaves references as symbol objects whose text is the reference ({@code aws_kms_key.main.arn}); inside
 * {@code jsonencode} those symbols come back as JSON objects with a {@code name} field.
 */
public final class HclValues {

    private HclValues() {}

    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return number == Math.rint(number) ? Long.toString(number.longValue()) : number.toString();
        }
        if (value instanceof Map<?, ?> map && map.containsKey("symbolName") && map.get("name") != null) {
            return map.get("name").toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HclValues::text).collect(Collectors.joining(","));
        }
        return value.toString();
    }

    public static Optional<Double> number(Object value) {
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        try {
            return value == null ? Optional.empty() : Optional.of(Double.parseDouble(text(value)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A single value, a list, or nothing, always as a list. Repeated blocks arrive as lists, a single one as a map. */
    public static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    public static List<String> texts(Object value) {
        return list(value).stream().map(HclValues::text).toList();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
