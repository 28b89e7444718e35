package com.fairtradeworker.profiles.contractor;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Liability insurance: the insurer and the last day the cover is valid. */
public record Insurance(
        @NotBlank @Size(max = 200) String provider, @NotNull LocalDate expiresOn) {}
