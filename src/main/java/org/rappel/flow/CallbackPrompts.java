package org.rappel.flow;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rappel.agi.AgiCommand;
import org.rappel.callback.NumberRefusal;
import org.rappel.estimate.AnnouncementRounding;
import org.rappel.estimate.Estimate;
import org.rappel.estimate.Reliability;

/**
 * The sounds of the callback offer and dialog, and how a number, a wait and a day are said. French texts are listed
 * in the schema comment of {@code flows/hotline.yaml}. Stateless.
 */
final class CallbackPrompts {

    static final String OFFER = "rappel/callback-offer";
    static final String OFFER_CLOSED = "rappel/callback-offer-closed";
    static final String YOUR_NUMBER = "rappel/callback-your-number";
    static final String CONFIRM_NUMBER = "rappel/callback-confirm-number";
    static final String ENTER_NUMBER = "rappel/callback-enter-number";
    static final String INVALID_CHOICE = "rappel/invalid-choice";
    static final String NOT_POSSIBLE = "rappel/callback-not-possible";
    static final String TOO_MANY_REQUESTS = "rappel/callback-too-many-requests";
    static final String UNAVAILABLE = "rappel/callback-unavailable";
    static final String CONFIRMED = "rappel/callback-confirmed";
    static final String EXPECTED = "rappel/callback-expected";
    static final String SCHEDULED = "rappel/callback-scheduled";
    static final String WHEN_YOUR_TURN = "rappel/callback-when-your-turn";
    static final String GOODBYE = "rappel/goodbye";
    static final String PENDING = "rappel/callback-pending";
    static final String CANCELLED = "rappel/callback-cancelled";

    /** {@code SAY DATETIME} format: weekday, day, month, "at", hour and minutes (Asterisk's say.c codes). */
    static final String DATETIME_FORMAT = "AdB 'digits/at' HM";

    private static final Map<NumberRefusal, String> REFUSAL_SOUNDS = new EnumMap<>(NumberRefusal.class);

    static {
        for (NumberRefusal reason : NumberRefusal.values()) {
            REFUSAL_SOUNDS.put(reason, "rappel/number-" + reason.code().replace('_', '-'));
        }
    }

    /** Every sound this class names, for deployment checks and the README. */
    static final List<String> SOUNDS;

    static {
        List<String> sounds = new ArrayList<>(List.of(OFFER, OFFER_CLOSED, YOUR_NUMBER, CONFIRM_NUMBER,
                ENTER_NUMBER, INVALID_CHOICE, NOT_POSSIBLE, TOO_MANY_REQUESTS, UNAVAILABLE, CONFIRMED, EXPECTED,
                SCHEDULED, WHEN_YOUR_TURN, GOODBYE, PENDING, CANCELLED));
        sounds.addAll(REFUSAL_SOUNDS.values());
        SOUNDS = List.copyOf(sounds);
    }

    /** 9 to 15 digits once separators are gone: the length of a national or international phone number. */
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9]{9,15}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.()/-]");

    private CallbackPrompts() {
    }

    /** The sound that says why a number cannot be called back ({@code rappel/number-premium-rate}...). */
    static String refusal(NumberRefusal reason) {
        return REFUSAL_SOUNDS.get(reason);
    }

    /**
     * The digits to read back for an accepted number, as the caller would dial it from {@code homeRegion}: the
     * national form at home ({@code 0612345678}), {@code 00} and the country code for another region.
     */
    static String spokenDigits(String e164, String homeRegion) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(e164, homeRegion);
            String dialled = util.formatOutOfCountryCallingNumber(number, homeRegion).replaceAll("[^0-9]", "");
            if (!dialled.isEmpty()) {
                return dialled;
            }
        } catch (NumberParseException e) {
            // The office accepted it, so it parses; if not, its digits are still better than nothing.
        }
        return e164.replaceAll("[^0-9]", "");
    }

    /** "We will call you back in about 4 minutes", in the style of {@link WaitPrompts}. */
    static List<AgiCommand> expectedWait(Duration wait) {
        List<AgiCommand> commands = new ArrayList<>();
        commands.add(AgiCommand.streamFile(EXPECTED, ""));
        commands.addAll(WaitPrompts.figure(AnnouncementRounding.announce(
                Estimate.ofSeconds(Math.max(0, wait.toSeconds()), Reliability.RELIABLE)), ""));
        return commands;
    }

    /**
     * "We will call you back on Monday 30 November at 8:30", with Asterisk's {@code SAY DATETIME} in the channel's
     * language and the service's time zone: day and month names and the number grammar come from Asterisk's own
     * sound set and say.c (French included), so no recording per day or month is needed, and the time is the
     * service's local time whatever the server's zone.
     */
    static List<AgiCommand> scheduledFor(Instant slot, ZoneId zone) {
        return List.of(AgiCommand.streamFile(SCHEDULED, ""),
                AgiCommand.of("SAY DATETIME", Long.toString(slot.getEpochSecond()), "", DATETIME_FORMAT,
                        zone.getId()));
    }

    /**
     * What travels with the callback for the agent: the flow variables without any value that looks like a phone
     * number (a number typed for another purpose must not end up in the case context), plus the hotline.
     */
    static Map<String, String> ivrContext(Map<String, String> variables, String hotline) {
        Map<String, String> context = new HashMap<>();
        variables.forEach((key, value) -> {
            if (!PHONE_LIKE.matcher(SEPARATORS.matcher(value).replaceAll("")).matches()) {
                context.put(key, value);
            }
        });
        context.put("hotline", hotline);
        return context;
    }
}
