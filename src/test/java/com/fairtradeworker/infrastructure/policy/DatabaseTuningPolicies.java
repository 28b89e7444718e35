package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The plan's PostgreSQL tuning, carried by the RDS parameter group the instance uses. */
final class DatabaseTuningPolicies {

    /** Settings that follow the instance's memory through RDS formulas over DBInstanceClassMemory. */
    private static final List<String> MEMORY_RELATIVE =
            List.of("shared_buffers", "effective_cache_size", "work_mem", "maintenance_work_mem");

    private static final List<String> REQUIRED = List.of(
            "max_connections",
            "max_parallel_workers_per_gather",
            "max_parallel_workers",
            "parallel_tuple_cost",
            "parallel_setup_cost",
            "autovacuum_naptime",
            "autovacuum_vacuum_threshold",
            "autovacuum_analyze_scale_factor",
            "shared_preload_libraries",
            "rds.force_ssl");

    /** RDS refuses to apply these without a reboot. */
    private static final List<String> STATIC = List.of("shared_buffers", "max_connections", "shared_preload_libraries");

    private DatabaseTuningPolicies() {}

    static List<PolicyRule> rules() {
        return List.of(new PolicyRule(
                "rds-parameter-group-tuning",
                "The instance's parameter group carries the plan's memory (relative to instance memory), connection, "
                        + "parallelism and autovacuum settings, pg_stat_statements and forced TLS",
                DatabaseTuningPolicies::tuning));
    }

    private static List<String> tuning(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        Optional<Block> db = configuration.resources("aws_db_instance").stream().findFirst();
        Optional<Block> group = db.flatMap(instance -> configuration.resources("aws_db_parameter_group").stream()
                .filter(candidate -> instance.text("parameter_group_name").startsWith(candidate.address() + "."))
                .findFirst());
        if (group.isEmpty()) {
            return violations
                    .add("the RDS instance does not use a parameter group of this configuration")
                    .list();
        }
        Map<String, Block> parameters = group.get().blocks("parameter").stream()
                .collect(Collectors.toMap(
                        parameter -> parameter.text("name"), Function.identity(), (first, second) -> second));
        for (String name : MEMORY_RELATIVE) {
            violations.require(
                    parameters.containsKey(name)
                            && parameters.get(name).text("value").contains("DBInstanceClassMemory"),
                    name + " must be set relative to instance memory ({DBInstanceClassMemory...})");
        }
        REQUIRED.forEach(name -> violations.require(parameters.containsKey(name), name + " is not set"));
        STATIC.stream()
                .filter(parameters::containsKey)
                .forEach(name -> violations.require(
                        parameters.get(name).text("apply_method").equals("pending-reboot"),
                        name + " is static: apply_method must be pending-reboot"));
        return violations
                .require(
                        parameters.containsKey("shared_preload_libraries")
                                && parameters
                                        .get("shared_preload_libraries")
                                        .text("value")
                                        .contains("pg_stat_statements"),
                        "shared_preload_libraries must load pg_stat_statements")
                .require(
                        parameters.containsKey("rds.force_ssl")
                                && parameters.get("rds.force_ssl").text("value").equals("1"),
                        "rds.force_ssl must be 1")
                .list();
    }
}
