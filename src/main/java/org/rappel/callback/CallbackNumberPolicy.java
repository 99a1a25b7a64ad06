package org.rappel.callback;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.ShortNumberInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.rappel.store.PhoneMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a number the citizen gave (keyed in, read from the caller id, or typed on the portal) may be
 * called back, against the national numbering plan of {@link NumberingPlanSettings}, using libphonenumber's
 * range metadata. Refusals are counted in {@code rappel.callback.refused{reason}}.
 *
 * <p>Order of the checks: emergency numbers first (on the raw digits, so that {@code 112} is never dialed), then
 * parsing, short codes, validity, region, and the kind of line.
 *
 * <p>Immutable and thread-safe; no I/O (the metadata is inside the jar).
 */
public final class CallbackNumberPolicy {
    private static final Logger log = LoggerFactory.getLogger(CallbackNumberPolicy.class);
    /** Longer input is not a phone number; refusing it early bounds the parsing work. */
    static final int MAX_INPUT_LENGTH = 32;

    private final NumberingPlanSettings plan;
    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
    private final ShortNumberInfo shortNumbers = ShortNumberInfo.getInstance();
    private final Map<NumberRefusal, Counter> refused = new EnumMap<>(NumberRefusal.class);

    public CallbackNumberPolicy(NumberingPlanSettings plan, MeterRegistry registry) {
        for (String region : plan.otherRegions()) {
            requireKnownRegion(region);
        }
        requireKnownRegion(plan.homeRegion());
        this.plan = plan;
        for (NumberRefusal reason : NumberRefusal.values()) {
            refused.put(reason, Counter.builder("rappel.callback.refused")
                    .description("Callback numbers refused by the numbering-plan policy")
                    .tag("reason", reason.code())
                    .register(registry));
        }
    }

    public NumberCheck check(String given) {
        NumberCheck verdict = decide(given == null ? "" : given.strip());
        if (verdict instanceof NumberCheck.Refused refusal) {
            refused.get(refusal.reason()).increment();
            log.debug("callback number {} refused: {}", PhoneMask.mask(given), refusal.reason());
        }
        return verdict;
    }

    private NumberCheck decide(String given) {
        if (given.isEmpty() || given.length() > MAX_INPUT_LENGTH) {
            return new NumberCheck.Refused(NumberRefusal.INVALID);
        }
        if (shortNumbers.isEmergencyNumber(given, plan.homeRegion())) {
            return new NumberCheck.Refused(NumberRefusal.EMERGENCY);
        }
        Optional<PhoneNumber> parsed = parse(given);
        if (parsed.isEmpty()) {
            return new NumberCheck.Refused(NumberRefusal.INVALID);
        }
        PhoneNumber number = parsed.get();
        if (!numbers.isValidNumber(number)) {
            return shortNumbers.isValidShortNumberForRegion(number, plan.homeRegion())
                    ? new NumberCheck.Refused(NumberRefusal.SHORT_CODE)
                    : new NumberCheck.Refused(NumberRefusal.INVALID);
        }
        if (!plan.accepts(numbers.getRegionCodeForNumber(number))) {
            return new NumberCheck.Refused(NumberRefusal.FOREIGN);
        }
        Optional<NumberRefusal> byKind = refusalFor(numbers.getNumberType(number));
        return byKind.<NumberCheck>map(NumberCheck.Refused::new)
                .orElseGet(() -> new NumberCheck.Accepted(numbers.format(number, PhoneNumberFormat.E164)));
    }

    private Optional<NumberRefusal> refusalFor(PhoneNumberUtil.PhoneNumberType type) {
        return switch (type) {
            case MOBILE, FIXED_LINE, FIXED_LINE_OR_MOBILE -> Optional.empty();
            case VOIP -> plan.acceptVoip() ? Optional.empty() : Optional.of(NumberRefusal.SPECIAL);
            case TOLL_FREE -> plan.acceptTollFree() ? Optional.empty() : Optional.of(NumberRefusal.TOLL_FREE);
            case SHARED_COST -> plan.acceptSharedCost() ? Optional.empty() : Optional.of(NumberRefusal.SHARED_COST);
            case PREMIUM_RATE -> Optional.of(NumberRefusal.PREMIUM_RATE);
            case PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL, UNKNOWN -> Optional.of(NumberRefusal.SPECIAL);
        };
    }

    private Optional<PhoneNumber> parse(String given) {
        try {
            return Optional.of(numbers.parse(given, plan.homeRegion()));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private void requireKnownRegion(String region) {
        if (!numbers.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown numbering-plan region '" + region
                    + "' (expected an ISO 3166 code such as FR)");
        }
    }
}
