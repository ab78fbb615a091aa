package dev.chat.contacts.domain;

import java.util.regex.Pattern;

/**
 * Phone numbers as this service stores and compares them: E.164, a '+' and 2 to 15 digits, the
 * first not 0, no spaces or punctuation ("+14155550100").
 *
 * <p>Only the form is checked. Whether a number exists and belongs to the person registering it
 * is for the identity provider to prove (by SMS, typically) before it issues the token that
 * registration requires in production; clients normalise the numbers of their address book to
 * E.164 before looking them up, as they know the user's country.
 */
public final class PhoneNumbers {

    /** The pattern of an E.164 number, for Bean Validation's {@code @Pattern}. */
    public static final String E164 = "\\+[1-9][0-9]{1,14}";
    public static final String E164_MESSAGE = "must be a phone number in E.164 form, such as +14155550100";

    private static final Pattern PATTERN = Pattern.compile(E164);

    private PhoneNumbers() {
    }

    public static boolean isE164(String number) {
        return number != null && PATTERN.matcher(number).matches();
    }
}
