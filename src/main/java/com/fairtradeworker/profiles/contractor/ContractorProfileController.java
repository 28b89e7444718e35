package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.profiles.RatingSummary;
import com.fairtradeworker.profiles.ServiceArea;
import com.fairtradeworker.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contractor's own profile. Any other caller has no contractor profile (404). The request types carry no
 * verification, rating or owner fields, and unknown JSON fields are refused, so none of those can be set here.
 */
@RestController
@RequestMapping("/api/me/contractor-profile")
class ContractorProfileController {

    private final ContractorProfiles profiles;
    private final IdentityApi identity;

    ContractorProfileController(ContractorProfiles profiles, IdentityApi identity) {
        this.profiles = profiles;
        this.identity = identity;
    }

    record ContractorProfileRequest(
            @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String businessName,

            @Size(max = 50) List<@NotBlank @Size(max = 100) String> trades,
            @Valid ServiceArea serviceArea,
            @Valid Licence licence,
            @Valid Insurance insurance,
            @Size(max = 2000) String bio,
            @Min(0) @Max(80) Integer yearsExperience,

            @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be in E.164 form, such as +15551234567")
            String phone) {

        ContractorProfileEdit toEdit() {
            return new ContractorProfileEdit(
                    strip(businessName), trades, serviceArea, licence, insurance, strip(bio), yearsExperience);
        }

        private static String strip(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }

    record SubmissionRequest(
            @NotNull @Valid Licence licence, @NotNull @Valid Insurance insurance) {}

    record VerificationView(VerificationStatus status, String note, Instant verifiedAt) {

        static VerificationView of(Verification verification) {
            return new VerificationView(verification.status(), verification.note(), verification.verifiedAt());
        }
    }

    record ContractorProfileResponse(
            UUID contractorId,
            String businessName,
            List<String> trades,
            ServiceArea serviceArea,
            Licence licence,
            Insurance insurance,
            String bio,
            Integer yearsExperience,
            String phone,
            VerificationView verification,
            boolean complete,
            List<String> missingForBidding,
            RatingSummary rating) {}

    @Operation(
            summary = "My contractor profile",
            description = "CONTRACTOR only (anyone else: 404). Includes what bidding still needs"
                    + " (missingForBidding) and the verification state.")
    @GetMapping
    ContractorProfileResponse get(@AuthenticationPrincipal AuthenticatedUser user) {
        requireContractor(user);
        return response(profiles.own(user.userId()));
    }

    @Operation(
            summary = "Replace my contractor profile",
            description = "CONTRACTOR only (anyone else: 404). Every field is replaced; omitted ones are cleared."
                    + " Changing licence or insurance details drops a verification (VERIFIED, PENDING or REJECTED)"
                    + " back to UNVERIFIED.")
    @PutMapping
    ContractorProfileResponse put(
            @AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody ContractorProfileRequest request) {
        requireContractor(user);
        return response(profiles.update(user.userId(), request.toEdit(), request.phone()));
    }

    @Operation(
            summary = "Submit my licence and insurance for verification",
            description = "CONTRACTOR only (anyone else: 404). Stores the details and puts the profile in the"
                    + " admins' queue (PENDING); a verified badge is off until an admin decides again.")
    @PostMapping("/verification")
    ContractorProfileResponse submit(
            @AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody SubmissionRequest request) {
        requireContractor(user);
        return response(profiles.submitForVerification(user.userId(), request.licence(), request.insurance()));
    }

    private ContractorProfileResponse response(ContractorProfile profile) {
        List<String> missing = profile.missingForBidding(profiles.today());
        String phone =
                identity.account(profile.userId()).map(AccountDetails::phone).orElse(null);
        return new ContractorProfileResponse(
                profile.userId(),
                profile.businessName(),
                profile.trades(),
                profile.serviceArea(),
                profile.licence(),
                profile.insurance(),
                profile.bio(),
                profile.yearsExperience(),
                phone,
                VerificationView.of(profile.verification()),
                missing.isEmpty(),
                missing,
                profile.rating());
    }

    private static void requireContractor(AuthenticatedUser user) {
        if (!user.is(Role.CONTRACTOR)) {
            throw new NotFoundException("contractor profile");
        }
    }
}
