package com.fairtradeworker.notifications;

/** Whether a user receives a group's notifications by e-mail and by SMS (SMS reach only a verified phone). */
public record GroupPreference(NotificationGroup group, boolean email, boolean sms) {

    public boolean enabled(Channel channel) {
        return channel == Channel.EMAIL ? email : sms;
    }
}
