package com.fairtradeworker.infrastructure.terraform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;

/** One block of the configuration ({@code resource "type" "name"}, a variable, a nested block) and its attributes. */
public record Block(String type, String name, Map<String, Object> body) {

    public String address() {
        return type + "." + name;
    }

    /** False only when {@code count} evaluates to zero: the block is switched off by its defaults. */
    public boolean exists() {
        return number("count").map(count -> count > 0).orElse(true);
    }

    /** The value at a dotted path; a nested block that repeats contributes its first occurrence. */
    public Object get(String path) {
        Object current = body;
        for (String key : path.split("\\.")) {
            List<?> occurrences = HclValues.list(current);
            if (occurrences.isEmpty() || !(occurrences.get(0) instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    public boolean has(String path) {
        return get(path) != null;
    }

    public String text(String path) {
        return HclValues.text(get(path));
    }

    public List<String> texts(String path) {
        return HclValues.texts(get(path));
    }

    public Optional<Double> number(String path) {
        return HclValues.number(get(path));
    }

    public boolean isTrue(String path) {
        return Boolean.TRUE.equals(get(path));
    }

    public boolean isFalse(String path) {
        return Boolean.FALSE.equals(get(path));
    }

    public boolean references(String path, String address) {
        return texts(path).stream().anyMatch(text -> text.contains(address));
    }

    /** Nested blocks of one kind ({@code rule}, {@code statement}, ...), in order. */
    public List<Block> blocks(String path) {
        return HclValues.list(get(path)).stream()
                .filter(Map.class::isInstance)
                .map(nested -> new Block(path, name, HclValues.map(nested)))
                .toList();
    }

    /** An attribute holding {@code jsonencode(...)}, decoded (JSON is YAML, so SnakeYAML reads it). */
    public Object json(String path) {
        String json = text(path);
        return json.isBlank() ? null : new Yaml().load(json);
    }
}
