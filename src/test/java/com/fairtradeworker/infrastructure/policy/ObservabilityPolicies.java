package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Alarms, dashboards and the audit trail the plan's checklist asks for. */
final class ObservabilityPolicies {

    /** The plan's alarm signals and the CloudWatch metric that carries each. */
    private static final Map<String, Predicate<Block>> ALARM_SIGNALS = Map.of(
            "5xx rate", alarm -> usesMetric(alarm, "HTTPCode_Target_5XX_Count"),
            "p99 latency",
                    alarm -> usesMetric(alarm, "TargetResponseTime")
                            && alarm.text("extended_statistic").equals("p99"),
            "service CPU",
                    alarm -> usesMetric(alarm, "CPUUtilization")
                            && alarm.text("namespace").equals("AWS/ECS"),
            "database CPU",
                    alarm -> usesMetric(alarm, "CPUUtilization")
                            && alarm.text("namespace").equals("AWS/RDS"),
            "free storage", alarm -> usesMetric(alarm, "FreeStorageSpace"),
            "connection count", alarm -> usesMetric(alarm, "DatabaseConnections"),
            "replica lag", alarm -> usesMetric(alarm, "ReplicationLag") || usesMetric(alarm, "ReplicaLag"),
            "Redis memory", alarm -> usesMetric(alarm, "DatabaseMemoryUsagePercentage"));

    private static final List<String> DASHBOARDS = List.of("application", "database", "infrastructure", "payments");

    private ObservabilityPolicies() {}

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRule(
                        "alarms-cover-plan-signals",
                        "Alarms on 5xx rate, p99 latency, CPU, free storage, connections, replica lag and Redis memory, "
                                + "each notifying the SNS topic",
                        ObservabilityPolicies::alarms),
                new PolicyRule(
                        "plan-dashboards",
                        "CloudWatch dashboards for application, database, infrastructure and payments",
                        ObservabilityPolicies::dashboards),
                new PolicyRule(
                        "audit-logging",
                        "VPC flow logs, ALB access logs, CloudFront logs, and a multi-region CloudTrail with log validation",
                        ObservabilityPolicies::auditLogging));
    }

    private static List<String> alarms(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        List<Block> alarms = configuration.resources("aws_cloudwatch_metric_alarm");
        ALARM_SIGNALS.forEach(
                (signal, matches) -> violations.require(alarms.stream().anyMatch(matches), "no alarm on " + signal));
        alarms.forEach(alarm -> violations.require(
                alarm.references("alarm_actions", "aws_sns_topic."),
                alarm.address() + " notifies nobody (alarm_actions must include the SNS topic)"));
        return violations.list();
    }

    /** The metric of a plain alarm, or one of the metrics of a metric-math alarm. */
    private static boolean usesMetric(Block alarm, String metric) {
        return alarm.text("metric_name").equals(metric)
                || alarm.blocks("metric_query").stream()
                        .anyMatch(query -> query.text("metric.metric_name").equals(metric));
    }

    private static List<String> dashboards(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        List<String> names = configuration.resources("aws_cloudwatch_dashboard").stream()
                .map(Block::name)
                .toList();
        DASHBOARDS.forEach(
                dashboard -> violations.require(names.contains(dashboard), "no " + dashboard + " dashboard"));
        return violations.list();
    }

    private static List<String> auditLogging(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        violations.require(
                configuration.resources("aws_flow_log").stream()
                        .anyMatch(log -> log.references("vpc_id", "aws_vpc.")
                                && log.text("traffic_type").equals("ALL")),
                "no VPC flow log of ALL traffic");
        configuration
                .resources("aws_lb")
                .forEach(lb ->
                        violations.require(lb.isTrue("access_logs.enabled"), lb.address() + " must write access logs"));
        configuration
                .resources("aws_cloudfront_distribution")
                .forEach(cdn -> violations.require(
                        cdn.has("logging_config.bucket"), cdn.address() + " must write access logs"));
        violations.require(
                configuration.resources("aws_cloudtrail").stream()
                        .anyMatch(trail ->
                                trail.isTrue("is_multi_region_trail") && trail.isTrue("enable_log_file_validation")),
                "no multi-region CloudTrail with log file validation");
        return violations.list();
    }
}
