package com.fairtradeworker.infrastructure.policy;

import com.fairtradeworker.infrastructure.terraform.Block;
import com.fairtradeworker.infrastructure.terraform.TerraformConfiguration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The way in from the internet: HTTPS at both hops, WAF at CloudFront, the ALB serving CloudFront only. */
final class EdgePolicies {

    static final int WAF_RATE_LIMIT = 2000;

    private EdgePolicies() {}

    static List<PolicyRule> rules() {
        return List.of(
                new PolicyRule(
                        "https-only",
                        "ALB redirects HTTP to HTTPS and serves TLS 1.2+ with the certificate; CloudFront redirects viewers "
                                + "to HTTPS and talks HTTPS to the origin",
                        EdgePolicies::httpsOnly),
                new PolicyRule(
                        "waf-rate-limit-and-managed-rules",
                        "CloudFront's WAF blocks more than 2,000 requests per IP and applies AWS managed rule groups",
                        EdgePolicies::cloudFrontWaf),
                new PolicyRule(
                        "alb-serves-cloudfront-only",
                        "A WAF on the ALB blocks requests without the secret header CloudFront adds",
                        EdgePolicies::albOnlyFromCloudFront));
    }

    private static List<String> httpsOnly(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        List<Block> listeners = configuration.resources("aws_lb_listener");
        violations.require(
                listeners.stream()
                        .anyMatch(listener -> listener.text("protocol").equals("HTTPS")),
                "the ALB needs an HTTPS listener");
        for (Block listener : listeners) {
            if (listener.text("protocol").equals("HTTPS")) {
                violations
                        .require(listener.has("certificate_arn"), listener.address() + " needs certificate_arn")
                        .require(
                                listener.text("ssl_policy").startsWith("ELBSecurityPolicy-TLS13"),
                                listener.address() + " must use a TLS 1.3/1.2 security policy, not "
                                        + listener.text("ssl_policy"));
            } else {
                violations.require(
                        listener.text("default_action.type").equals("redirect")
                                && listener.text("default_action.redirect.protocol")
                                        .equals("HTTPS"),
                        listener.address() + " serves plain HTTP instead of redirecting to HTTPS");
            }
        }
        List<Block> distributions = configuration.resources("aws_cloudfront_distribution");
        violations.require(!distributions.isEmpty(), "no CloudFront distribution");
        for (Block distribution : distributions) {
            Stream.concat(
                            distribution.blocks("default_cache_behavior").stream(),
                            distribution.blocks("ordered_cache_behavior").stream())
                    .forEach(behavior -> violations.require(
                            List.of("redirect-to-https", "https-only")
                                    .contains(behavior.text("viewer_protocol_policy")),
                            distribution.address() + " lets viewers use plain HTTP"));
            distribution
                    .blocks("origin")
                    .forEach(origin -> violations.require(
                            origin.text("custom_origin_config.origin_protocol_policy")
                                    .equals("https-only"),
                            distribution.address() + " must reach its origin over HTTPS only"));
            violations.require(
                    distribution
                            .text("viewer_certificate.minimum_protocol_version")
                            .startsWith("TLSv1.2"),
                    distribution.address() + " must require TLS 1.2 or newer from viewers");
        }
        return violations.list();
    }

    private static List<String> cloudFrontWaf(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        Optional<Block> distribution =
                configuration.resources("aws_cloudfront_distribution").stream().findFirst();
        Optional<Block> acl = distribution.flatMap(cdn -> configuration.resources("aws_wafv2_web_acl").stream()
                .filter(candidate -> cdn.text("web_acl_id").startsWith(candidate.address() + "."))
                .findFirst());
        if (acl.isEmpty()) {
            return violations
                    .add("the CloudFront distribution has no WAF web ACL")
                    .list();
        }
        List<Block> rules = acl.get().blocks("rule");
        violations
                .require(
                        acl.get().text("scope").equals("CLOUDFRONT"),
                        acl.get().address() + " must have scope CLOUDFRONT")
                .require(
                        rules.stream().anyMatch(EdgePolicies::isBlockingRateRule),
                        "no blocking rate rule of at most " + WAF_RATE_LIMIT + " requests per IP")
                .require(
                        rules.stream()
                                .anyMatch(rule -> rule.text("statement.managed_rule_group_statement.vendor_name")
                                                .equals("AWS")
                                        && rule.has("override_action.none")),
                        "no AWS managed rule group in enforcing mode");
        return violations.list();
    }

    private static boolean isBlockingRateRule(Block rule) {
        return rule.has("action.block")
                && rule.number("statement.rate_based_statement.limit")
                        .map(limit -> limit <= WAF_RATE_LIMIT)
                        .orElse(false)
                && rule.text("statement.rate_based_statement.aggregate_key_type")
                        .equals("IP");
    }

    private record OriginHeader(String name, String value) {}

    private static List<String> albOnlyFromCloudFront(TerraformConfiguration configuration) {
        Violations violations = new Violations();
        Optional<OriginHeader> originHeader = configuration.resources("aws_cloudfront_distribution").stream()
                .flatMap(distribution -> distribution.blocks("origin").stream())
                .flatMap(origin -> origin.blocks("custom_header").stream())
                .map(header -> new OriginHeader(header.text("name").toLowerCase(), header.text("value")))
                .findFirst();
        violations.require(originHeader.isPresent(), "CloudFront adds no secret header to origin requests");
        Optional<Block> acl = configuration.resources("aws_wafv2_web_acl_association").stream()
                .filter(association -> association.references("resource_arn", "aws_lb."))
                .flatMap(association -> configuration.resources("aws_wafv2_web_acl").stream()
                        .filter(candidate -> association.text("web_acl_arn").startsWith(candidate.address() + ".")))
                .findFirst();
        if (acl.isEmpty()) {
            return violations.add("no WAF web ACL is associated with the ALB").list();
        }
        String matched = "statement.not_statement.statement.byte_match_statement.";
        boolean blocksWithoutHeader = acl.get().blocks("rule").stream()
                .anyMatch(rule -> rule.has("action.block")
                        && originHeader
                                .map(header -> !header.value().isBlank()
                                        && header.name()
                                                .equals(rule.text(matched + "field_to_match.single_header.name")
                                                        .toLowerCase())
                                        && header.value().equals(rule.text(matched + "search_string")))
                                .orElse(false));
        return violations
                .require(
                        blocksWithoutHeader,
                        acl.get().address() + " must block requests that lack CloudFront's secret origin header")
                .list();
    }
}
