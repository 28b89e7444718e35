/**
 * Jobs: homeowners' postings from draft to completion, their clocks, and the search contractors use (nearby, by trade,
 * full text with typo tolerance). Other modules move a job through {@link com.fairtradeworker.jobs.JobsApi}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "platform", "identity", "profiles", "timers"})
package com.fairtradeworker.jobs;
