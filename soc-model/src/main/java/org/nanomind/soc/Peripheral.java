package org.nanomind.soc;

import java.util.Arrays;
import java.util.List;

/** A peripheral state whose power the platform file gives, under {@code peripherals:}; the schedules switch them. */
public enum Peripheral {
    CAMERA_STANDBY, CAMERA_ACTIVE, MICROPHONE_LISTENING, SPEAKER_PLAYING;

    /** The name in a platform file: camera_standby, ... */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Peripheral::key).toList();
    }
}
