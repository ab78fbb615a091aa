package dev.chat.common.ids;

import java.util.regex.Pattern;

/**
 * The rule for a device id, written once: 1 to 64 ASCII letters, digits, '.', '_' or '-'. A
 * device id names a device in tokens, routes, pending rows and URLs, so it is kept to characters
 * that need no escaping anywhere.
 */
public final class DeviceIds {

    /** The rule as a regular expression (for Bean Validation's {@code @Pattern}). */
    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";

    /** The rule in words, for error messages. */
    public static final String RULE = "1 to 64 letters, digits, '.', '_' or '-'";

    /** The device of an account registered without naming one. */
    public static final String DEFAULT = "primary";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private DeviceIds() {
    }

    public static boolean isValid(String deviceId) {
        return deviceId != null && COMPILED.matcher(deviceId).matches();
    }
}
