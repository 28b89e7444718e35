package com.fairtradeworker.infrastructure.policy;

import java.util.List;
import java.util.stream.Stream;

/** Every rule the production Terraform configuration must keep. */
public final class InfrastructurePolicies {

    private InfrastructurePolicies() {}

    public static List<PolicyRule> all() {
        return Stream.of(
                        NetworkPolicies.rules(),
                        DataProtectionPolicies.rules(),
                        BucketPolicies.rules(),
                        DatabaseTuningPolicies.rules(),
                        ApplicationPolicies.rules(),
                        EdgePolicies.rules(),
                        ObservabilityPolicies.rules(),
                        HygienePolicies.rules())
                .flatMap(List::stream)
                .toList();
    }

    public static PolicyRule byId(String id) {
        return all().stream()
                .filter(rule -> rule.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no policy rule " + id));
    }
}
