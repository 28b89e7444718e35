package com.fairtradeworker.infrastructure.terraform;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Terraform root module read offline: every {@code .tf} file parsed together by hcl4j (which resolves
 * {@code var.*} to the variables' defaults), plus the source text for the checks that must see what was written
 * rather than what it evaluates to (literal secrets, for one).
 *
 * <p>Policies take this object, so a broken copy of the configuration can be fed to the same checks as the real one.
 */
public final class TerraformConfiguration {

    private final Map<String, Object> tree;
    private final Map<String, String> sources;

    private TerraformConfiguration(Map<String, Object> tree, Map<String, String> sources) {
        this.tree = tree;
        this.sources = sources;
    }

    /** The {@code .tf} files of a directory plus {@code terraform.tfvars.example}, which only the source checks read. */
    public static TerraformConfiguration load(Path directory) {
        return parse(readSources(directory));
    }

    public static Map<String, String> readSources(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            Map<String, String> sources = new TreeMap<>();
            for (Path file : files.filter(TerraformConfiguration::isConfigurationOrExample)
                    .toList()) {
                sources.put(file.getFileName().toString(), Files.readString(file));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TerraformConfiguration parse(String hcl) {
        return parse(Map.of("snippet.tf", hcl));
    }

    public static TerraformConfiguration parse(Map<String, String> sources) {
        String hcl = sources.entrySet().stream()
                .filter(source -> source.getKey().endsWith(".tf"))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining("\n"));
        TerraformConfiguration configuration = new TerraformConfiguration(evaluate(hcl), new TreeMap<>(sources));
        configuration.requireEveryDeclaredBlockParsed(hcl);
        return configuration;
    }

    private static final Pattern DECLARATION =
            Pattern.compile("(?m)^(resource|data|variable|output)\\s+\"([^\"]+)\"(?:\\s+\"([^\"]+)\")?\\s*\\{");

    /**
     * hcl4j is lenient: after a syntax error it silently drops the rest of the input instead of failing, which would
     * let the rules pass on a configuration they never saw. Every block declared at the start of a line must
     * therefore come out of the parse.
     */
    private void requireEveryDeclaredBlockParsed(String hcl) {
        List<String> missing = new ArrayList<>();
        Matcher declaration = DECLARATION.matcher(hcl);
        while (declaration.find()) {
            String kind = declaration.group(1);
            boolean parsed = switch (kind) {
                case "variable" -> HclValues.map(tree.get("variable")).containsKey(declaration.group(2));
                case "output" -> HclValues.map(tree.get("output")).containsKey(declaration.group(2));
                default ->
                    HclValues.map(HclValues.map(tree.get(kind)).get(declaration.group(2)))
                            .containsKey(declaration.group(3));
            };
            if (!parsed) {
                missing.add(declaration.group().replace("{", "").strip());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "hcl4j did not parse these blocks (a syntax error before them?): " + missing);
        }
    }

    private static boolean isConfigurationOrExample(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".tf") || name.endsWith(".tfvars.example");
    }

    /**
     * Variables without a default (set in terraform.tfvars) would evaluate to nothing and take whole expressions
     * with them; a second pass gives them a placeholder that reads like the reference.
     */
    private static Map<String, Object> evaluate(String hcl) {
        Map<String, Object> tree = parseHcl(hcl, Map.of());
        Map<String, Object> placeholders = new LinkedHashMap<>();
        HclValues.map(tree.get("variable")).forEach((name, body) -> {
            if (!HclValues.map(body).containsKey("default")) {
                placeholders.put(name, "var." + name);
            }
        });
        return placeholders.isEmpty() ? tree : parseHcl(hcl, placeholders);
    }

    private static Map<String, Object> parseHcl(String hcl, Map<String, Object> variables) {
        try {
            return QuietConsole.call(() -> {
                HCLParser parser = new HCLParser();
                parser.setVariables(variables);
                return parser.parse(hcl, false);
            });
        } catch (Exception e) {
            throw new IllegalArgumentException("hcl4j could not parse the configuration: " + e.getMessage(), e);
        }
    }

    public List<Block> resources(String type) {
        return blocksOf("resource", type).stream().filter(Block::exists).toList();
    }

    public Optional<Block> resource(String type, String name) {
        return resources(type).stream()
                .filter(block -> block.name().equals(name))
                .findFirst();
    }

    public List<Block> dataSources(String type) {
        return blocksOf("data", type);
    }

    /** The data source or resource an expression such as {@code data.aws_iam_policy_document.task.json} points at. */
    public Optional<Block> dataSourceReferencedBy(String expression) {
        return dataSources("aws_iam_policy_document").stream()
                .filter(document -> expression.contains("data." + document.address() + "."))
                .findFirst();
    }

    public List<Block> variables() {
        return named("variable", HclValues.map(tree.get("variable")));
    }

    public Optional<Block> variable(String name) {
        return variables().stream()
                .filter(variable -> variable.name().equals(name))
                .findFirst();
    }

    public List<Block> outputs() {
        return named("output", HclValues.map(tree.get("output")));
    }

    /** Source text by file name (.tf files and terraform.tfvars.example). */
    public Map<String, String> sources() {
        return sources;
    }

    /**
     * The source text of a block such as {@code output "database_url"}, from its opening to its closing brace (braces
     * inside strings and interpolations come in pairs, so counting them is enough).
     */
    public Optional<String> blockSource(String kind, String... labels) {
        StringBuilder header = new StringBuilder("(?m)^\\s*").append(Pattern.quote(kind));
        for (String label : labels) {
            header.append("\\s+\"").append(Pattern.quote(label)).append("\"");
        }
        Pattern start = Pattern.compile(header.append("\\s*\\{").toString());
        for (String text : sources.values()) {
            Matcher matcher = start.matcher(text);
            if (matcher.find()) {
                int depth = 0;
                for (int index = matcher.end() - 1; index < text.length(); index++) {
                    depth += text.charAt(index) == '{' ? 1 : text.charAt(index) == '}' ? -1 : 0;
                    if (depth == 0) {
                        return Optional.of(text.substring(matcher.start(), index + 1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private List<Block> blocksOf(String kind, String type) {
        return named(type, HclValues.map(HclValues.map(tree.get(kind)).get(type)));
    }

    private static List<Block> named(String type, Map<String, Object> byName) {
        List<Block> blocks = new ArrayList<>();
        byName.forEach((name, body) -> blocks.add(new Block(type, name, HclValues.map(body))));
        return blocks;
    }
}
