package com.fairtradeworker.profiles;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Where a contractor works: a centre point and a radius. The bounds mirror the CHECKs on {@code contractor_profiles}.
 */
public record ServiceArea(
        @NotNull @DecimalMin("-90.0") @DecimalMax("90.0") Double latitude,
        @NotNull @DecimalMin("-180.0") @DecimalMax("180.0") Double longitude,
        @NotNull @Min(MIN_RADIUS_KM) @Max(MAX_RADIUS_KM) Integer radiusKm) {

    public static final int MIN_RADIUS_KM = 1;
    public static final int MAX_RADIUS_KM = 500;
}
