package com.fairtradeworker.notifications;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each user chose to receive, per {@link NotificationGroup} and {@link Channel}. A group the user never touched
 * follows its defaults. Account and security messages have no group and are not affected.
 */
@Service
public class NotificationPreferences {

    private final PreferenceRows rows;

    NotificationPreferences(PreferenceRows rows) {
        this.rows = rows;
    }

    /** Every group, in a stable order, with the user's choice or the default. */
    public List<GroupPreference> of(UUID userId) {
        Map<NotificationGroup, Map<Channel, Boolean>> explicit = rows.explicit(userId);
        return Arrays.stream(NotificationGroup.values())
                .map(group -> {
                    Map<Channel, Boolean> chosen = explicit.getOrDefault(group, Map.of());
                    return new GroupPreference(
                            group,
                            chosen.getOrDefault(Channel.EMAIL, group.enabledByDefault(Channel.EMAIL)),
                            chosen.getOrDefault(Channel.SMS, group.enabledByDefault(Channel.SMS)));
                })
                .toList();
    }

    /** Applies the changes (channels left null stay as they are) and returns every group afterwards. */
    @Transactional
    public List<GroupPreference> update(UUID userId, List<PreferenceChange> changes) {
        for (PreferenceChange change : changes) {
            if (change.email() != null) {
                rows.set(userId, change.group(), Channel.EMAIL, change.email());
            }
            if (change.sms() != null) {
                rows.set(userId, change.group(), Channel.SMS, change.sms());
            }
        }
        return of(userId);
    }

    boolean enabled(UUID userId, NotificationGroup group, Channel channel) {
        return rows.explicit(userId, group, channel).orElse(group.enabledByDefault(channel));
    }
}
