package org.rappel.store;

/**
 * Hides the middle of a phone number for logs: {@code +33612345678} becomes {@code +336****5678}. Enough is left
 * to tell the country, the kind of line and to match a support ticket, not enough to call the citizen.
 */
public final class PhoneMask {
    private PhoneMask() {
    }

    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        int length = number.length();
        if (length <= 6) {
            return "*".repeat(length);
        }
        int head = length >= 10 ? 4 : 2;
        int tail = length >= 10 ? 4 : 2;
        return number.substring(0, head) + "****" + number.substring(length - tail);
    }
}
