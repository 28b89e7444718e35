/**
 * The append-only audit log: one way for every module to record who did what to which entity.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.fairtradeworker.audit;
