package com.fairtradeworker.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.infrastructure.policy.InfrastructurePolicies;
import com.fairtradeworker.infrastructure.policy.PolicyRule;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The production configuration in infrastructure/terraform keeps every policy rule. */
class TerraformPoliciesTest {

    private static TerraformConfiguration production;

    @BeforeAll
    static void parseProductionConfiguration() {
        production = TerraformConfiguration.load(ProjectFiles.terraformDirectory());
    }

    static List<PolicyRule> rules() {
        return InfrastructurePolicies.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionConfigurationKeeps(PolicyRule rule) {
        assertThat(rule.violations(production)).as(rule.description()).isEmpty();
    }

    @Test
    void parserSeesTheWholeConfiguration() {
        // Guards the guards: if hcl4j silently dropped files or blocks, every rule above would pass vacuously.
        assertThat(production.variables()).hasSizeGreaterThan(50);
        assertThat(production.outputs()).hasSizeGreaterThan(25);
        assertThat(production.resources("aws_security_group")).hasSize(5);
        assertThat(production.resources("aws_cloudwatch_metric_alarm")).hasSizeGreaterThanOrEqualTo(9);
        assertThat(production.resource("aws_ecs_task_definition", "api"))
                .get()
                .satisfies(
                        task -> assertThat(task.json("container_definitions")).isNotNull());
    }

    @Test
    void everyRuleHasAUniqueId() {
        assertThat(rules()).extracting(PolicyRule::id).doesNotHaveDuplicates();
    }
}
