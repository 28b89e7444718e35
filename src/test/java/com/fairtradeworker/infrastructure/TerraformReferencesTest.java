package com.fairtradeworker.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The part of {@code terraform validate} that needs no provider: every resource, data source, variable and local a
 * file refers to is declared somewhere, and every variable is used. Catches renames and typos offline.
 */
class TerraformReferencesTest {

    private static final Pattern RESOURCE = Pattern.compile("(?m)^resource\\s+\"([^\"]+)\"\\s+\"([^\"]+)\"");
    private static final Pattern DATA = Pattern.compile("(?m)^data\\s+\"([^\"]+)\"\\s+\"([^\"]+)\"");
    private static final Pattern VARIABLE = Pattern.compile("(?m)^variable\\s+\"([^\"]+)\"");
    private static final Pattern LOCAL = Pattern.compile("(?m)^  ([a-z0-9_]+)\\s*=");

    private static final Pattern RESOURCE_REFERENCE =
            Pattern.compile("(?<![\\w./:-])((?:aws|random)_[a-z0-9_]+)\\.([a-z0-9_]+)");
    private static final Pattern DATA_REFERENCE = Pattern.compile("(?<![\\w.])data\\.([a-z0-9_]+)\\.([a-z0-9_]+)");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("(?<![\\w.])var\\.([a-z0-9_]+)");
    private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?<![\\w.])local\\.([a-z0-9_]+)");

    private static String code;

    @BeforeAll
    static void readConfiguration() {
        code = TerraformConfiguration.readSources(ProjectFiles.terraformDirectory()).entrySet().stream()
                .filter(source -> source.getKey().endsWith(".tf"))
                .map(source -> source.getValue().replaceAll("(?m)^\\s*#.*$", ""))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyReferenceIsDeclared() {
        Set<String> resources = pairs(RESOURCE, code);
        Set<String> dataSources = pairs(DATA, code);
        Set<String> variables = singles(VARIABLE, code);
        Set<String> locals = localNames();

        assertThat(referencedResources())
                .as("resources referenced but not declared")
                .isSubsetOf(resources);
        assertThat(pairs(DATA_REFERENCE, code))
                .as("data sources referenced but not declared")
                .isSubsetOf(dataSources);
        assertThat(singles(VARIABLE_REFERENCE, code))
                .as("variables referenced but not declared")
                .isSubsetOf(variables);
        assertThat(singles(LOCAL_REFERENCE, code))
                .as("locals referenced but not declared")
                .isSubsetOf(locals);
    }

    @Test
    void everyVariableAndLocalIsUsed() {
        assertThat(singles(VARIABLE, code))
                .as("declared variables nothing uses")
                .isSubsetOf(singles(VARIABLE_REFERENCE, code));
        assertThat(localNames()).as("declared locals nothing uses").isSubsetOf(singles(LOCAL_REFERENCE, code));
    }

    private static Set<String> referencedResources() {
        Set<String> referenced = new TreeSet<>();
        Matcher matcher = RESOURCE_REFERENCE.matcher(code);
        while (matcher.find()) {
            boolean dataSource = code.substring(Math.max(0, matcher.start() - 5), matcher.start())
                    .endsWith("data.");
            if (!dataSource) {
                referenced.add(matcher.group(1) + "." + matcher.group(2));
            }
        }
        return referenced;
    }

    private static Set<String> localNames() {
        Set<String> names = new TreeSet<>();
        Matcher block = Pattern.compile("(?ms)^locals\\s*\\{(.*?)^}").matcher(code);
        while (block.find()) {
            names.addAll(singles(LOCAL, block.group(1)));
        }
        return names;
    }

    private static Set<String> pairs(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1) + "." + matcher.group(2));
        }
        return found;
    }

    private static Set<String> singles(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
