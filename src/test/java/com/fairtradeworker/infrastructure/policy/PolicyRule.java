package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.function.Function;

/** One infrastructure rule: a check over a parsed configuration that lists what breaks the rule (empty = kept). */
public record PolicyRule(String id, String description, Function<TerraformConfiguration, List<String>> check) {

    public List<String> violations(TerraformConfiguration configuration) {
        return check.apply(configuration);
    }

    @Override
    public String toString() {
        return id;
    }
}
