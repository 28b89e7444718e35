package com.fairtradeworker.platform.events;

import java.util.UUID;

public record OutboxProbeEvent(UUID subject) {}
