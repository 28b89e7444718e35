/**
 * Infrastructure every module runs on: configuration checks, embedded development servers, web and security setup,
 * problem responses, request ids and observability. Business modules never depend on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.fairtradeworker.platform;
