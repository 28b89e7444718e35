package com.fairtradeworker.profiles.homeowner;

import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.profiles.RatingSummary;
import com.fairtradeworker.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A homeowner's own profile. Any other caller has no homeowner profile (404). */
@RestController
@RequestMapping("/api/me/homeowner-profile")
class HomeownerProfileController {

    private final HomeownerProfiles profiles;
    private final IdentityApi identity;

    HomeownerProfileController(HomeownerProfiles profiles, IdentityApi identity) {
        this.profiles = profiles;
        this.identity = identity;
    }

    record HomeownerProfileRequest(
            @Size(max = 300) String addressLine,

            @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$", message = "must be 1-16 letters, digits, spaces or -")
            String postcode,

            @Valid GeoPoint location,

            @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be in E.164 form, such as +15551234567")
            String phone) {}

    record HomeownerProfileResponse(
            UUID homeownerId,
            String addressLine,
            String postcode,
            GeoPoint location,
            String phone,
            RatingSummary rating) {}

    @Operation(
            summary = "My homeowner profile",
            description = "HOMEOWNER only (anyone else: 404). With the rating from published reviews about me.")
    @GetMapping
    HomeownerProfileResponse get(@AuthenticationPrincipal AuthenticatedUser user) {
        requireHomeowner(user);
        return response(profiles.own(user.userId()));
    }

    @Operation(
            summary = "Replace my homeowner profile",
            description = "HOMEOWNER only (anyone else: 404). Every field is replaced; omitted ones are cleared."
                    + " The location needs both coordinates; the phone number is stored on the account.")
    @PutMapping
    HomeownerProfileResponse put(
            @AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody HomeownerProfileRequest request) {
        requireHomeowner(user);
        HomeownerProfile profile = new HomeownerProfile(
                user.userId(), blankToNull(request.addressLine()), blankToNull(request.postcode()), request.location());
        return response(profiles.update(profile, request.phone()));
    }

    private HomeownerProfileResponse response(HomeownerProfile profile) {
        String phone =
                identity.account(profile.userId()).map(AccountDetails::phone).orElse(null);
        return new HomeownerProfileResponse(
                profile.userId(),
                profile.addressLine(),
                profile.postcode(),
                profile.location(),
                phone,
                profiles.rating(profile.userId()));
    }

    private static void requireHomeowner(AuthenticatedUser user) {
        if (!user.is(Role.HOMEOWNER)) {
            throw new NotFoundException("homeowner profile");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
