/**
 * Small, stable types every module may use: money, typed ids, problem types.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.fairtradeworker.shared;
