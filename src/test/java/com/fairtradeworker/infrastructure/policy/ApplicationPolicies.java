package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.HclValues;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The ECS service: size, placement, scaling, secrets, health checks and the task role's reach. */
final class ApplicationPolicies {

    /** Every secret the service reads (see application.yml); each must come from Secrets Manager. */
    static final List<String> SECRET_VARIABLES = List.of(
            "DATABASE_URL",
            "DATABASE_MIGRATION_URL",
            "REDIS_URL",
            "JWT_SECRET",
            "STRIPE_SECRET_KEY",
            "STRIPE_WEBHOOK_SECRET",
            "SENTRY_DSN",
            "SENDGRID_API_KEY",
            "TWILIO_ACCOUNT_SID",
            "TWILIO_AUTH_TOKEN");

    private static final Pattern SECRET_LOOKING_NAME =
            Pattern.compile("(?i).*(SECRET|TOKEN|PASSWORD|API_KEY|DSN|DATABASE_URL|REDIS_URL).*");
    private static final String LIVENESS = "/actuator/health/liveness";

    private ApplicationPolicies() {}

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRule(
                        "ecs-service-shape",
                        "Fargate tasks of 1024 CPU / 2048 MB on port 3000 in the private subnets without public IPs, "
                                + "3-10 tasks scaled on CPU and requests per target, logs to CloudWatch",
                        ApplicationPolicies::serviceShape),
                new PolicyRule(
                        "secrets-from-secrets-manager",
                        "Every secret reaches the container from Secrets Manager; none is plain environment",
                        ApplicationPolicies::secretsInjected),
                new PolicyRule(
                        "liveness-health-checks",
                        "ALB and container health checks use the liveness endpoint, never readiness",
                        ApplicationPolicies::livenessHealthChecks),
                new PolicyRule(
                        "task-role-least-privilege",
                        "The task role reaches only the uploads bucket (and its KMS key through S3) and the service's own secrets",
                        ApplicationPolicies::taskRoleScope));
    }

    private static List<String> serviceShape(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        Optional<Block> task = configuration.resource("aws_ecs_task_definition", "api");
        Optional<Block> service = configuration.resource("aws_ecs_service", "api");
        Optional<Block> scaling =
                configuration.resources("aws_appautoscaling_target").stream().findFirst();
        if (task.isEmpty() || service.isEmpty() || scaling.isEmpty()) {
            return violations
                    .add("needs aws_ecs_task_definition.api, aws_ecs_service.api and an auto-scaling target")
                    .list();
        }
        Map<String, Object> container = container(task.get());
        violations
                .require(
                        task.get().number("cpu").orElse(0.0) == 1024,
                        "task CPU must be 1024, is " + task.get().text("cpu"))
                .require(
                        task.get().number("memory").orElse(0.0) == 2048,
                        "task memory must be 2048, is " + task.get().text("memory"))
                .require(
                        task.get().texts("requires_compatibilities").contains("FARGATE"),
                        "the task must run on Fargate")
                .require(
                        HclValues.text(HclValues.map(HclValues.list(container.get("portMappings")).stream()
                                                .findFirst()
                                                .orElse(null))
                                        .get("containerPort"))
                                .equals("3000"),
                        "the container must listen on 3000")
                .require(
                        HclValues.text(HclValues.map(container.get("logConfiguration"))
                                        .get("logDriver"))
                                .equals("awslogs"),
                        "the container must log to CloudWatch (awslogs)")
                .require(
                        service.get().references("network_configuration.subnets", "aws_subnet.private"),
                        "tasks must run in the private subnets")
                .require(
                        service.get().isFalse("network_configuration.assign_public_ip"),
                        "tasks must not get public IPs")
                .require(scaling.get().number("min_capacity").orElse(0.0) == 3, "auto-scaling minimum must be 3")
                .require(scaling.get().number("max_capacity").orElse(0.0) == 10, "auto-scaling maximum must be 10");
        List<String> metrics = configuration.resources("aws_appautoscaling_policy").stream()
                .map(
                        policy -> policy.text(
                                "target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type"))
                .toList();
        return violations
                .require(metrics.contains("ECSServiceAverageCPUUtilization"), "no scaling policy on CPU")
                .require(metrics.contains("ALBRequestCountPerTarget"), "no scaling policy on requests per target")
                .list();
    }

    private static List<String> secretsInjected(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        Optional<Block> task = configuration.resource("aws_ecs_task_definition", "api");
        if (task.isEmpty()) {
            return violations.add("no aws_ecs_task_definition.api").list();
        }
        Map<String, Object> container = container(task.get());
        Map<String, String> secrets = namedEntries(container.get("secrets"), "valueFrom");
        Map<String, String> environment = namedEntries(container.get("environment"), "value");
        for (String secret : SECRET_VARIABLES) {
            String source = secrets.getOrDefault(secret, "");
            violations.require(
                    source.startsWith("aws_secretsmanager_secret.") || source.startsWith("arn:aws:secretsmanager:"),
                    secret + " must be injected from Secrets Manager");
        }
        environment.keySet().stream()
                .filter(name -> SECRET_VARIABLES.contains(name)
                        || SECRET_LOOKING_NAME.matcher(name).matches())
                .forEach(name -> violations.add(name + " is a secret in plain environment"));
        return violations.list();
    }

    private static List<String> livenessHealthChecks(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        List<Block> targetGroups = configuration.resources("aws_lb_target_group");
        violations.require(!targetGroups.isEmpty(), "no target group");
        targetGroups.forEach(group -> violations.require(
                group.text("health_check.path").equals(LIVENESS),
                group.address() + " health check must be " + LIVENESS + ", is " + group.text("health_check.path")));
        configuration
                .resource("aws_ecs_task_definition", "api")
                .ifPresentOrElse(
                        task -> {
                            String command =
                                    HclValues.text(HclValues.map(container(task).get("healthCheck"))
                                            .get("command"));
                            violations.require(
                                    command.contains(LIVENESS) && !command.contains("readiness"),
                                    "container health check must call " + LIVENESS + ": " + command);
                        },
                        () -> violations.add("no aws_ecs_task_definition.api"));
        return violations.list();
    }

    private static List<String> taskRoleScope(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        configuration.resources("aws_iam_role_policy_attachment").stream()
                .filter(attachment -> attachment.references("role", "aws_iam_role.task."))
                .forEach(attachment -> violations.add("managed policy on the task role: " + attachment.address()));
        List<Block> inline = configuration.resources("aws_iam_role_policy").stream()
                .filter(policy -> policy.references("role", "aws_iam_role.task."))
                .toList();
        violations.require(!inline.isEmpty(), "the task role has no policy (it needs the uploads bucket)");
        for (Block policy : inline) {
            Optional<Block> document = configuration.dataSourceReferencedBy(policy.text("policy"));
            if (document.isEmpty()) {
                violations.add(policy.address() + " must use an aws_iam_policy_document so it can be checked");
                continue;
            }
            document.get().blocks("statement").forEach(statement -> checkTaskStatement(statement, violations));
        }
        return violations.list();
    }

    private static void checkTaskStatement(Block statement, Violations violations) {
        String sid = statement.text("sid");
        if (statement.text("effect").equals("Deny")) {
            return;
        }
        statement
                .texts("actions")
                .forEach(action -> violations.require(
                        !action.equals("*") && !action.endsWith(":*"),
                        "task role statement " + sid + " grants a wildcard action " + action));
        for (String resource : statement.texts("resources")) {
            boolean uploads = resource.startsWith("aws_s3_bucket.uploads.arn");
            boolean ownSecrets = resource.startsWith("aws_secretsmanager_secret.app");
            boolean keyThroughS3 = resource.startsWith("aws_kms_key.main.arn")
                    && statement.blocks("condition").stream()
                            .anyMatch(condition -> condition.text("variable").equals("kms:ViaService")
                                    && condition.texts("values").stream().allMatch(value -> value.startsWith("s3.")));
            violations.require(
                    uploads || ownSecrets || keyThroughS3,
                    "task role statement " + sid + " reaches " + resource
                            + " beyond the uploads bucket and its own secrets");
        }
    }

    private static Map<String, Object> container(Block task) {
        return HclValues.map(HclValues.list(task.json("container_definitions")).stream()
                .findFirst()
                .orElse(null));
    }

    private static Map<String, String> namedEntries(Object entries, String valueKey) {
        Map<String, String> named = new LinkedHashMap<>();
        HclValues.list(entries).forEach(entry -> {
            Map<String, Object> map = HclValues.map(entry);
            named.put(HclValues.text(map.get("name")), HclValues.text(map.get(valueKey)));
        });
        return named;
    }
}
