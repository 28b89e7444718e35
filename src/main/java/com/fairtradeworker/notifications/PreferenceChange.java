package com.fairtradeworker.notifications;

import java.util.Objects;

/** A change to one group: a null channel is left as it is. */
public record PreferenceChange(NotificationGroup group, Boolean email, Boolean sms) {

    public PreferenceChange {
        Objects.requireNonNull(group, "group");
    }
}
