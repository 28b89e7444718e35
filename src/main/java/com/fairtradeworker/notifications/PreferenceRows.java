package com.fairtradeworker.notifications;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code notification_preferences} rows: one per user, group and channel the user has set; defaults otherwise. */
@Repository
class PreferenceRows {

    private final JdbcClient jdbc;

    PreferenceRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's explicit choices, keyed by group and channel. */
    Map<NotificationGroup, Map<Channel, Boolean>> explicit(UUID userId) {
        Map<NotificationGroup, Map<Channel, Boolean>> choices = new EnumMap<>(NotificationGroup.class);
        record Row(String group, String channel, boolean enabled) {}
        jdbc.sql("SELECT event_group, channel, enabled FROM notification_preferences WHERE user_id = :userId")
                .param("userId", userId)
                .query((row, rowNumber) ->
                        new Row(row.getString("event_group"), row.getString("channel"), row.getBoolean("enabled")))
                .list()
                .forEach(row -> groupOf(row.group())
                        .ifPresent(group -> choices.computeIfAbsent(group, key -> new EnumMap<>(Channel.class))
                                .put(Channel.valueOf(row.channel()), row.enabled())));
        return choices;
    }

    /** The explicit choice for one group and channel, if the user made one. */
    Optional<Boolean> explicit(UUID userId, NotificationGroup group, Channel channel) {
        return jdbc.sql("""
                        SELECT enabled FROM notification_preferences
                        WHERE user_id = :userId AND event_group = :group AND channel = :channel
                        """)
                .param("userId", userId)
                .param("group", group.name())
                .param("channel", channel.name())
                .query(Boolean.class)
                .optional();
    }

    void set(UUID userId, NotificationGroup group, Channel channel, boolean enabled) {
        jdbc.sql("""
                        INSERT INTO notification_preferences (user_id, event_group, channel, enabled)
                        VALUES (:userId, :group, :channel, :enabled)
                        ON CONFLICT (user_id, event_group, channel) DO UPDATE SET enabled = EXCLUDED.enabled
                        """)
                .param("userId", userId)
                .param("group", group.name())
                .param("channel", channel.name())
                .param("enabled", enabled)
                .update();
    }

    /** A group this version no longer knows (renamed or retired) is ignored rather than failing the whole read. */
    private static Optional<NotificationGroup> groupOf(String name) {
        try {
            return Optional.of(NotificationGroup.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
