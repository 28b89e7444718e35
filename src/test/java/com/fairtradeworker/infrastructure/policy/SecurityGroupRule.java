package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One security group rule, whichever of Terraform's three ways declared it: a standalone
 * {@code aws_vpc_security_group_*_rule}, a legacy {@code aws_security_group_rule}, or an inline block of
 * {@code aws_security_group}. {@code group} and {@code sg:} sources are resource names of aws_security_group.
 */
record SecurityGroupRule(String group, boolean ingress, int fromPort, int toPort, String source, String declaredBy) {

    private static final Pattern GROUP_REFERENCE = Pattern.compile("aws_security_group\\.([A-Za-z0-9_-]+)");
    static final List<String> ANYWHERE = List.of("0.0.0.0/0", "::/0");

    boolean fromAnywhere() {
        return ANYWHERE.contains(source);
    }

    boolean covers(int port) {
        return fromPort <= port && port <= toPort;
    }

    String describe() {
        String ports = fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort;
        return (ingress ? "ingress to " : "egress from ") + group + " port " + ports + (ingress ? " from " : " to ")
                + source + " (" + declaredBy + ")";
    }

    static List<SecurityGroupRule> all(TerraformConfiguration configuration) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (String direction : List.of("ingress", "egress")) {
            boolean ingress = direction.equals("ingress");
            for (Block rule : configuration.resources("aws_vpc_security_group_" + direction + "_rule")) {
                rules.add(fromVpcRule(rule, ingress));
            }
            for (Block group : configuration.resources("aws_security_group")) {
                for (Block inline : group.blocks(direction)) {
                    rules.addAll(fromLegacyRule(group.name(), inline, ingress, group.address() + " inline"));
                }
            }
        }
        for (Block rule : configuration.resources("aws_security_group_rule")) {
            rules.addAll(fromLegacyRule(
                    groupName(rule.text("security_group_id")),
                    rule,
                    rule.text("type").equals("ingress"),
                    rule.address()));
        }
        return rules;
    }

    private static SecurityGroupRule fromVpcRule(Block rule, boolean ingress) {
        String source = firstPresent(rule, "referenced_security_group_id", "cidr_ipv4", "cidr_ipv6", "prefix_list_id");
        boolean allPorts = rule.text("ip_protocol").equals("-1");
        return new SecurityGroupRule(
                groupName(rule.text("security_group_id")),
                ingress,
                allPorts ? 0 : port(rule, "from_port"),
                allPorts ? 65535 : port(rule, "to_port"),
                source,
                rule.address());
    }

    private static List<SecurityGroupRule> fromLegacyRule(
            String group, Block rule, boolean ingress, String declaredBy) {
        List<String> sources = new ArrayList<>();
        sources.addAll(rule.texts("cidr_blocks"));
        sources.addAll(rule.texts("ipv6_cidr_blocks"));
        sources.addAll(rule.texts("prefix_list_ids").stream()
                .map(id -> "prefix-list:" + id)
                .toList());
        rule.texts("security_groups").forEach(reference -> sources.add(source(reference)));
        if (rule.has("source_security_group_id")) {
            sources.add(source(rule.text("source_security_group_id")));
        }
        if (rule.isTrue("self")) {
            sources.add("sg:" + group);
        }
        boolean allPorts = rule.text("protocol").equals("-1");
        int from = allPorts ? 0 : port(rule, "from_port");
        int to = allPorts ? 65535 : port(rule, "to_port");
        return sources.stream()
                .map(source -> new SecurityGroupRule(group, ingress, from, to, source, declaredBy))
                .toList();
    }

    private static String firstPresent(Block rule, String... attributes) {
        for (String attribute : attributes) {
            if (rule.has(attribute)) {
                String value = rule.text(attribute);
                return attribute.equals("referenced_security_group_id") ? source(value) : value;
            }
        }
        return "(no source)";
    }

    private static String source(String reference) {
        return "sg:" + groupName(reference);
    }

    private static String groupName(String reference) {
        Matcher matcher = GROUP_REFERENCE.matcher(reference);
        return matcher.find() ? matcher.group(1) : reference;
    }

    private static int port(Block rule, String attribute) {
        return rule.number(attribute).map(Double::intValue).orElse(-1);
    }
}
