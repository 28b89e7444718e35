package com.fairtradeworker.profiles.contractor;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** A trade licence: its number, the region (state, province, country) that issued it, and its last valid day. */
public record Licence(
        @NotBlank @Size(max = 100) String number,
        @NotBlank @Size(max = 100) String region,
        @NotNull LocalDate expiresOn) {

    /** Never prints the licence number. */
    @Override
    public String toString() {
        return "Licence[region=" + region + ", expiresOn=" + expiresOn + "]";
    }
}
