package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.profiles.RatingSummary;
import com.fairtradeworker.profiles.ServiceArea;
import com.fairtradeworker.shared.Trade;
import com.fairtradeworker.shared.TradeTaxonomy;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contractor profile anyone may see. Never the e-mail address, phone number, licence number or insurer; the
 * service area's centre is rounded to 0.01 degree (about 1 km) so it does not pinpoint a home address.
 */
@RestController
class PublicContractorController {

    private final ContractorProfiles profiles;

    PublicContractorController(ContractorProfiles profiles) {
        this.profiles = profiles;
    }

    record TradeView(String code, String displayName) {

        static TradeView of(String code) {
            return new TradeView(
                    code, TradeTaxonomy.find(code).map(Trade::displayName).orElse(code));
        }
    }

    record ApproximateServiceArea(double approxLatitude, double approxLongitude, int radiusKm) {

        static ApproximateServiceArea of(ServiceArea area) {
            return area == null
                    ? null
                    : new ApproximateServiceArea(rounded(area.latitude()), rounded(area.longitude()), area.radiusKm());
        }

        private static double rounded(double degrees) {
            return BigDecimal.valueOf(degrees).setScale(2, RoundingMode.HALF_UP).doubleValue();
        }
    }

    record PublicContractorProfile(
            UUID contractorId,
            String businessName,
            List<TradeView> trades,
            ApproximateServiceArea serviceArea,
            boolean verified,
            RatingSummary rating,
            Integer yearsExperience,
            String bio) {

        static PublicContractorProfile of(ContractorProfile profile) {
            return new PublicContractorProfile(
                    profile.userId(),
                    profile.businessName(),
                    profile.trades().stream().map(TradeView::of).toList(),
                    ApproximateServiceArea.of(profile.serviceArea()),
                    profile.verification().verified(),
                    profile.rating(),
                    profile.yearsExperience(),
                    profile.bio());
        }
    }

    @Operation(
            summary = "A contractor's public profile",
            description = "Anyone, signed in or not. Business, trades, approximate service area, verification badge,"
                    + " rating summary, experience and bio; never contact details or the licence number.")
    @GetMapping("/api/contractors/{contractorId}")
    PublicContractorProfile get(@PathVariable UUID contractorId) {
        return PublicContractorProfile.of(profiles.publicProfile(contractorId));
    }
}
