package com.fairtradeworker.notifications;

/** How a notification reaches a person; the {@code channel} column of {@code notifications} and its preferences. */
public enum Channel {
    EMAIL,
    SMS
}
