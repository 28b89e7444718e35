package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The network half of the plan: security group matrix, public exposure, network ACLs, three zones. */
final class NetworkPolicies {

    /** The plan's matrix. Entries involving RDS Proxy are allowed but optional (it is switched by a variable). */
    private static final Set<Ingress> REQUIRED_INGRESS = Set.of(
            new Ingress("alb", 80, "0.0.0.0/0"),
            new Ingress("alb", 443, "0.0.0.0/0"),
            new Ingress("tasks", 3000, "sg:alb"),
            new Ingress("postgres", 5432, "sg:tasks"),
            new Ingress("redis", 6379, "sg:tasks"));

    private static final Set<Ingress> OPTIONAL_INGRESS =
            Set.of(new Ingress("rds_proxy", 5432, "sg:tasks"), new Ingress("postgres", 5432, "sg:rds_proxy"));

    private static final Set<String> GROUPS_WITHOUT_EGRESS = Set.of("postgres", "redis");

    private record Ingress(String group, int port, String source) {}

    private NetworkPolicies() {}

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRule(
                        "security-group-matrix",
                        "Inbound is exactly: ALB 80/443 from the internet, tasks 3000 from the ALB, PostgreSQL 5432 and "
                                + "Redis 6379 from the tasks (PostgreSQL also via RDS Proxy, which admits only the tasks); "
                                + "PostgreSQL and Redis have no outbound rules",
                        NetworkPolicies::securityGroupMatrix),
                new PolicyRule(
                        "no-public-ingress-except-alb-web",
                        "Nothing admits 0.0.0.0/0 or ::/0 except the ALB on ports 80 and 443 (security groups and network ACLs)",
                        NetworkPolicies::noPublicIngress),
                new PolicyRule(
                        "database-subnets-network-acl",
                        "The database subnets have a network ACL that admits only PostgreSQL/Redis from the private subnets "
                                + "and traffic among the database subnets",
                        NetworkPolicies::databaseNetworkAcl),
                new PolicyRule(
                        "three-zones-nat-per-zone",
                        "Public, private and database subnets in three availability zones, a NAT gateway and a private "
                                + "route table per zone, database subnets without a route out",
                        NetworkPolicies::threeZones));
    }

    private static List<String> securityGroupMatrix(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        List<SecurityGroupRule> rules = SecurityGroupRule.all(configuration);
        for (SecurityGroupRule rule :
                rules.stream().filter(SecurityGroupRule::ingress).toList()) {
            Ingress ingress = new Ingress(rule.group(), rule.fromPort(), rule.source());
            boolean singlePort = rule.fromPort() == rule.toPort();
            violations.require(
                    singlePort && (REQUIRED_INGRESS.contains(ingress) || OPTIONAL_INGRESS.contains(ingress)),
                    "not in the plan's matrix: " + rule.describe());
        }
        for (Ingress required : REQUIRED_INGRESS) {
            violations.require(
                    rules.stream()
                            .anyMatch(rule -> rule.ingress()
                                    && rule.group().equals(required.group())
                                    && rule.fromPort() == required.port()
                                    && rule.source().equals(required.source())),
                    "missing from the matrix: " + required.group() + " " + required.port() + " from "
                            + required.source());
        }
        rules.stream()
                .filter(rule -> !rule.ingress() && GROUPS_WITHOUT_EGRESS.contains(rule.group()))
                .forEach(rule -> violations.add("data tier needs no outbound rule: " + rule.describe()));
        return violations.list();
    }

    private static List<String> noPublicIngress(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        SecurityGroupRule.all(configuration).stream()
                .filter(rule -> rule.ingress() && rule.fromAnywhere())
                .filter(rule -> !(rule.group().equals("alb")
                        && rule.fromPort() == rule.toPort()
                        && (rule.fromPort() == 80 || rule.fromPort() == 443)))
                .forEach(rule -> violations.add("open to the internet: " + rule.describe()));
        for (Block rule : configuration.resources("aws_network_acl_rule")) {
            boolean openInbound = !rule.isTrue("egress")
                    && rule.text("rule_action").equals("allow")
                    && (SecurityGroupRule.ANYWHERE.contains(rule.text("cidr_block"))
                            || SecurityGroupRule.ANYWHERE.contains(rule.text("ipv6_cidr_block")));
            violations.require(!openInbound, "network ACL admits the internet: " + rule.address());
        }
        for (Block acl : configuration.resources("aws_network_acl")) {
            for (Block inline : acl.blocks("ingress")) {
                boolean open = inline.text("action").equals("allow")
                        && (SecurityGroupRule.ANYWHERE.contains(inline.text("cidr_block"))
                                || SecurityGroupRule.ANYWHERE.contains(inline.text("ipv6_cidr_block")));
                violations.require(!open, "network ACL admits the internet: " + acl.address() + " inline ingress");
            }
        }
        return violations.list();
    }

    private static List<String> databaseNetworkAcl(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        Optional<Block> acl = configuration.resources("aws_network_acl").stream()
                .filter(candidate -> candidate.references("subnet_ids", "aws_subnet.database"))
                .findFirst();
        if (acl.isEmpty()) {
            return violations
                    .add("no network ACL is attached to the database subnets")
                    .list();
        }
        List<String> privateCidrs = defaultList(configuration, "private_subnet_cidrs");
        List<String> databaseCidrs = defaultList(configuration, "database_subnet_cidrs");
        List<Block> inbound = configuration.resources("aws_network_acl_rule").stream()
                .filter(rule -> rule.references("network_acl_id", acl.get().address()))
                .filter(rule ->
                        !rule.isTrue("egress") && rule.text("rule_action").equals("allow"))
                .toList();
        violations
                .require(!inbound.isEmpty(), "the database network ACL admits nothing (PostgreSQL/Redis need it)")
                .require(acl.get().blocks("ingress").isEmpty(), "inline ingress blocks on the database network ACL");
        for (Block rule : inbound) {
            List<String> cidrs = rule.texts("cidr_block");
            boolean fromOwnTier = !cidrs.isEmpty() && databaseCidrs.containsAll(cidrs);
            boolean dataPortFromApplications = !cidrs.isEmpty()
                    && privateCidrs.containsAll(cidrs)
                    && rule.text("protocol").equals("tcp")
                    && rule.number("from_port").equals(rule.number("to_port"))
                    && rule.number("from_port")
                            .map(port -> port == 5432 || port == 6379)
                            .orElse(false);
            violations.require(
                    fromOwnTier || dataPortFromApplications,
                    rule.address() + " admits " + cidrs + " beyond PostgreSQL/Redis from the private subnets");
        }
        return violations.list();
    }

    private static List<String> threeZones(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        violations.require(
                defaultList(configuration, "availability_zones").size() == 3,
                "availability_zones must default to three zones");
        for (String tier : List.of("public", "private", "database")) {
            violations
                    .require(count(configuration, "aws_subnet", tier) == 3, tier + " subnets must be one per zone (3)")
                    .require(
                            defaultList(configuration, tier + "_subnet_cidrs").size() == 3,
                            tier + "_subnet_cidrs must list three CIDR blocks");
        }
        violations
                .require(
                        configuration.resources("aws_nat_gateway").stream()
                                        .mapToInt(NetworkPolicies::count)
                                        .sum()
                                == 3,
                        "one NAT gateway per zone (3)")
                .require(
                        count(configuration, "aws_route_table", "private") == 3,
                        "one private route table per zone, each through its own zone's NAT gateway")
                .require(
                        configuration
                                .resource("aws_route_table", "database")
                                .map(table -> table.blocks("route").isEmpty())
                                .orElse(false),
                        "the database route table must exist and have no routes");
        configuration.resources("aws_route").stream()
                .filter(route -> route.references("route_table_id", "aws_route_table.database"))
                .forEach(route -> violations.add("database subnets must not route out: " + route.address()));
        return violations.list();
    }

    private static int count(TerraformConfiguration configuration, String type, String name) {
        return configuration.resource(type, name).map(NetworkPolicies::count).orElse(0);
    }

    private static int count(Block block) {
        return block.number("count").map(Double::intValue).orElse(1);
    }

    static List<String> defaultList(TerraformConfiguration configuration, String variable) {
        return configuration
                .variable(variable)
                .map(block -> block.texts("default"))
                .orElse(List.of());
    }
}
