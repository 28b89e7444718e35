package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules about how the configuration is written: documented variables, no secrets in the text, sensitive outputs. */
final class HygienePolicies {

    /** Argument or variable names whose value is a credential. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)^(.*_)?(password|passwd|secret|secret_string|secret_key|token|auth_token|api_key|private_key|access_key|client_secret)$");

    /** {@code name = "literal"} on one line; a value with ${...} is an expression, not a literal. */
    private static final Pattern STRING_ASSIGNMENT = Pattern.compile("^\\s*\"?([A-Za-z0-9_]+)\"?\\s*=\\s*\"([^\"]*)\"");

    /** Credential formats of the services the project uses, and generic key material. */
    private static final Map<String, Pattern> CREDENTIAL_FORMATS = Map.of(
            "Stripe key", Pattern.compile("\\b[sr]k_(live|test)_[0-9A-Za-z]{10,}"),
            "Stripe webhook secret", Pattern.compile("\\bwhsec_[0-9A-Za-z]{10,}"),
            "SendGrid API key", Pattern.compile("\\bSG\\.[\\w-]{16,}\\.[\\w-]{16,}"),
            "AWS access key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            "Twilio account SID", Pattern.compile("\\bAC[0-9a-f]{32}\\b"),
            "private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
            "URL with a password", Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s:/@\"$]*:[^\\s@\"$/]+@"),
            "long hex key", Pattern.compile("\\b[0-9a-fA-F]{64,}\\b"));

    /** Expressions in an output that carry credential material. */
    private static final List<String> CREDENTIAL_MARKERS =
            List.of("random_password.", "random_id.", "secret_string", "generated_secret_values", "auth_token");

    private HygienePolicies() {}

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRule(
                        "variables-documented",
                        "Every variable has a description and a type",
                        HygienePolicies::variablesDocumented),
                new PolicyRule(
                        "no-secret-literals",
                        "No credential is written into the configuration or terraform.tfvars.example",
                        HygienePolicies::noSecretLiterals),
                new PolicyRule(
                        "sensitive-outputs",
                        "Every output that carries a credential is marked sensitive",
                        HygienePolicies::sensitiveOutputs));
    }

    private static List<String> variablesDocumented(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        violations.require(!configuration.variables().isEmpty(), "no variables found");
        for (Block variable : configuration.variables()) {
            violations
                    .require(
                            !variable.text("description").isBlank(),
                            "variable " + variable.name() + " has no description")
                    .require(variable.has("type"), "variable " + variable.name() + " has no type");
        }
        return violations.list();
    }

    private static List<String> noSecretLiterals(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        configuration.sources().forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int index = 0; index < lines.length; index++) {
                String line = lines[index];
                String where = file + ":" + (index + 1);
                Matcher assignment = STRING_ASSIGNMENT.matcher(line);
                if (assignment.find()
                        && SECRET_NAME.matcher(assignment.group(1)).matches()
                        && !assignment.group(2).isEmpty()
                        && !assignment.group(2).contains("${")) {
                    violations.add(where + ": " + assignment.group(1) + " is set to a literal");
                }
                CREDENTIAL_FORMATS.forEach((kind, format) ->
                        violations.require(!format.matcher(line).find(), where + ": looks like a " + kind));
            }
        });
        for (Block variable : configuration.variables()) {
            if (SECRET_NAME.matcher(variable.name()).matches()) {
                violations
                        .require(
                                variable.get("default") == null, "variable " + variable.name() + " has a default value")
                        .require(variable.isTrue("sensitive"), "variable " + variable.name() + " must be sensitive");
            }
        }
        return violations.list();
    }

    private static List<String> sensitiveOutputs(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        for (Block output : configuration.outputs()) {
            String written = configuration
                            .blockSource("output", output.name())
                            .orElse("")
                            .replaceAll("(?m)^\\s*description\\s*=.*$", "")
                    + " " + output.text("value");
            boolean carriesCredential = SECRET_NAME.matcher(output.name()).matches()
                    || output.name().matches("(?i).*(password|token).*")
                    || CREDENTIAL_MARKERS.stream().anyMatch(written::contains);
            violations.require(
                    !carriesCredential || output.isTrue("sensitive"),
                    "output " + output.name() + " carries a credential and must be sensitive");
        }
        return violations.list();
    }
}
