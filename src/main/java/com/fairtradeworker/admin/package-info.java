/**
 * Admin views that read across the other modules: the audit log search (filtered, keyset-paginated, newest first) and
 * its CSV export over a bounded time range (see {@code docs/admin.md}). It reads through each module's public API
 * (here {@link com.fairtradeworker.audit.AuditSearch}) and owns no table. A module of its own, not a web package of
 * {@code audit}: the audit module depends on {@code shared} only, while every module (identity included) writes to
 * it, so routes in {@code audit} that need identity's signed-in user would close a dependency cycle.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "platform", "identity"})
package com.fairtradeworker.admin;
