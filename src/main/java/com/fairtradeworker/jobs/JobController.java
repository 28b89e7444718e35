package com.fairtradeworker.jobs;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.jobs.JobSearch.Hit;
import com.fairtradeworker.profiles.ProfilesApi;
import com.fairtradeworker.profiles.ServiceArea;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.TradeTaxonomy;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Homeowners' jobs, and the search everyone may browse. */
@RestController
class JobController {

    private final JobService jobs;
    private final JobRepository repository;
    private final JobVisibility visibility;
    private final JobSearch search;
    private final ProfilesApi profiles;

    JobController(
            JobService jobs,
            JobRepository repository,
            JobVisibility visibility,
            JobSearch search,
            ProfilesApi profiles) {
        this.jobs = jobs;
        this.repository = repository;
        this.visibility = visibility;
        this.search = search;
        this.profiles = profiles;
    }

    record MoneyRequest(
            @Positive @Max(10_000_000_000L) long amountMinor,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$") String currency) {

        Money toMoney() {
            return Money.of(amountMinor, currency);
        }
    }

    record JobRequest(
            @NotBlank @Size(max = 120) String title,
            @NotBlank @Size(max = 5000) String description,
            @NotBlank @Size(max = 100) String trade,
            @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotBlank @Size(max = 300) String addressText,
            @NotBlank @Size(max = 16) String postcode,
            @Valid MoneyRequest budgetMin,
            @Valid MoneyRequest budgetMax,
            Instant biddingDeadline,
            LocalDate desiredStartDate) {

        JobDraft toDraft() {
            return new JobDraft(
                    title,
                    description,
                    trade,
                    latitude,
                    longitude,
                    addressText,
                    postcode,
                    budgetMin == null ? null : budgetMin.toMoney(),
                    budgetMax == null ? null : budgetMax.toMoney(),
                    biddingDeadline,
                    desiredStartDate);
        }
    }

    record SearchPage(List<JobResponse> items, String nextCursor) {}

    static final double DEFAULT_RADIUS_KM = 50;

    private record Centre(double latitude, double longitude, double radiusKm) {}

    @Operation(summary = "Draft a job", description = "HOMEOWNER with a verified e-mail. At most 20 per day.")
    @PostMapping("/api/jobs")
    ResponseEntity<JobResponse> create(
            @AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody JobRequest request) {
        Job job = jobs.create(user.userId(), request.toDraft());
        return ResponseEntity.created(URI.create("/api/jobs/" + job.id())).body(full(job, null));
    }

    @Operation(summary = "Edit a job", description = "The job's HOMEOWNER, while it is a draft, or open without bids.")
    @PutMapping("/api/jobs/{jobId}")
    JobResponse edit(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID jobId,
            @Valid @RequestBody JobRequest request) {
        return full(jobs.edit(user.userId(), jobId, request.toDraft()), null);
    }

    @Operation(
            summary = "Publish a draft",
            description = "The job's HOMEOWNER (verified e-mail); the bidding deadline" + " must be 1-30 days ahead.")
    @PostMapping("/api/jobs/{jobId}/publish")
    JobResponse publish(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID jobId) {
        return full(jobs.publish(user.userId(), jobId), null);
    }

    @Operation(summary = "Cancel a draft or open job", description = "The job's HOMEOWNER. Its bids are rejected.")
    @PostMapping("/api/jobs/{jobId}/cancel")
    JobResponse cancel(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID jobId) {
        return full(jobs.cancel(user.userId(), jobId), null);
    }

    @Operation(
            summary = "A job",
            description = "Anyone for open jobs (anonymous: a summary without the exact"
                    + " address). Otherwise its HOMEOWNER and ADMINs; the awarded CONTRACTOR in full; other bidders see the"
                    + " status only; everyone else 404.")
    @GetMapping("/api/jobs/{jobId}")
    JobResponse get(@AuthenticationPrincipal AuthenticatedUser viewer, @PathVariable UUID jobId) {
        Job job = repository.find(jobId).orElseThrow(() -> new NotFoundException("job"));
        return switch (visibility.of(job, viewer)) {
            case FULL -> full(job, null);
            case SUMMARY -> summary(job, null);
            case STATUS_ONLY ->
                new JobResponse(
                        job.id(),
                        job.status().name(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
            case NONE -> throw new NotFoundException("job");
        };
    }

    @Operation(summary = "My jobs", description = "HOMEOWNER: their own jobs, newest first.")
    @GetMapping("/api/me/jobs")
    List<JobResponse> mine(@AuthenticationPrincipal AuthenticatedUser user) {
        return jobs.ownedBy(user.userId()).stream().map(job -> full(job, null)).toList();
    }

    @Operation(
            summary = "Search open jobs",
            description = "Anyone (anonymous: summaries). Within radiusKm (1-500) of lat/lng, which default to a"
                    + " signed-in contractor's service area (else radius 50); trade includes its sub-trades; q matches"
                    + " English words and tolerates typos; sort=distance|newest|deadline|relevance; limit at most 50;"
                    + " pass nextCursor back as cursor.")
    @GetMapping("/api/jobs")
    SearchPage search(
            @AuthenticationPrincipal AuthenticatedUser viewer,
            @RequestParam(required = false) @DecimalMin("-90") @DecimalMax("90") Double lat,
            @RequestParam(required = false) @DecimalMin("-180") @DecimalMax("180") Double lng,
            @RequestParam(required = false) @DecimalMin("1") @DecimalMax("500") Double radiusKm,
            @RequestParam(required = false) @Size(max = 100) String trade,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "distance") @Pattern(regexp = "(?i)distance|newest|deadline|relevance")
                    String sort,
            @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit,
            @RequestParam(required = false) @Size(max = 300) String cursor) {
        if (trade != null && !TradeTaxonomy.exists(trade)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Unknown trade code (see GET /api/trades).");
        }
        Centre area = centreOf(viewer, lat, lng, radiusKm);
        JobSearch.Page page;
        try {
            page = search.search(new JobSearch.Query(
                    area.latitude(),
                    area.longitude(),
                    area.radiusKm(),
                    trade,
                    q,
                    JobSearch.sortOf(sort),
                    limit,
                    cursor));
        } catch (JobSearch.InvalidCursorException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The cursor is not valid for this search.");
        }
        return new SearchPage(
                page.hits().stream()
                        .map(hit -> viewer == null ? summary(hit.job(), hit) : full(hit.job(), hit))
                        .toList(),
                page.nextCursor());
    }

    /** The point asked for, or else the contractor's own service area. */
    private Centre centreOf(AuthenticatedUser viewer, Double lat, Double lng, Double radiusKm) {
        if (lat != null && lng != null) {
            return new Centre(lat, lng, radiusKm == null ? DEFAULT_RADIUS_KM : radiusKm);
        }
        if (lat == null && lng == null && viewer != null && viewer.is(Role.CONTRACTOR)) {
            var own = profiles.contractorServiceArea(viewer.userId());
            if (own.isPresent()) {
                ServiceArea area = own.get();
                return new Centre(area.latitude(), area.longitude(), radiusKm == null ? area.radiusKm() : radiusKm);
            }
        }
        throw new ProblemException(
                ProblemType.VALIDATION_FAILED,
                "Give lat and lng (contractors with a service area" + " may leave both out).");
    }

    private static JobResponse full(Job job, Hit hit) {
        return new JobResponse(
                job.id(),
                job.status().name(),
                job.title(),
                job.description(),
                job.trade(),
                job.latitude(),
                job.longitude(),
                job.addressText(),
                job.postcode(),
                money(job.budgetMinMinor(), job),
                money(job.budgetMaxMinor(), job),
                job.biddingDeadline(),
                job.desiredStartDate(),
                job.publishedAt(),
                distanceKm(hit),
                null);
    }

    private static JobResponse summary(Job job, Hit hit) {
        return new JobResponse(
                job.id(),
                job.status().name(),
                job.title(),
                job.description(),
                job.trade(),
                round(job.latitude()),
                round(job.longitude()),
                null,
                postcodeArea(job.postcode()),
                money(job.budgetMinMinor(), job),
                money(job.budgetMaxMinor(), job),
                job.biddingDeadline(),
                job.desiredStartDate(),
                job.publishedAt(),
                distanceKm(hit),
                true);
    }

    /** Two decimals: about a kilometre, enough to judge the commute, not to find the house. */
    static double round(double degrees) {
        return Math.round(degrees * 100.0) / 100.0;
    }

    /** The outward part of a postcode ("SW1A 1AA" -> "SW1A") or the first three characters of a ZIP code. */
    static String postcodeArea(String postcode) {
        String trimmed = postcode.strip();
        int space = trimmed.indexOf(' ');
        if (space > 0) {
            return trimmed.substring(0, space);
        }
        return trimmed.length() <= 3 ? trimmed : trimmed.substring(0, 3);
    }

    private static Double distanceKm(Hit hit) {
        return hit == null ? null : Math.round(hit.distanceMetres() / 100.0) / 10.0;
    }

    private static Money money(Long minor, Job job) {
        return minor == null ? null : Money.of(minor, job.currency());
    }
}
