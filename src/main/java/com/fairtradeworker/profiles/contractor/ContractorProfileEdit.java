package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.profiles.ServiceArea;
import java.util.List;

/** Everything a contractor may change about their profile: never the verification, ratings or payout account. */
public record ContractorProfileEdit(
        String businessName,
        List<String> trades,
        ServiceArea serviceArea,
        Licence licence,
        Insurance insurance,
        String bio,
        Integer yearsExperience) {

    public ContractorProfileEdit {
        trades = trades == null ? List.of() : List.copyOf(trades);
    }
}
