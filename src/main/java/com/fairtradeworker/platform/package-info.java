/**
 * Infrastructure every module runs on: configuration checks, embedded development servers, web and security setup,
 * problem responses, request ids, rate limits and observability. Business modules use only the few types in this
 * root package (route authorizations, attempt limits); everything in its sub-packages is internal.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.fairtradeworker.platform;
