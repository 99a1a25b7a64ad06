package org.rappel.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fixtures are allocated French ranges (see DEPENDENCIES.md); unallocated ones would be INVALID. */
class CallbackNumberPolicyTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallbackNumberPolicy france = new CallbackNumberPolicy(NumberingPlanSettings.france(), registry);

    @ParameterizedTest
    @CsvSource({
        "0612345678, +33612345678",
        "06 12 34 56 78, +33612345678",
        "+33612345678, +33612345678",
        "0033612345678, +33612345678",
        "0145678901, +33145678901",
        "01.45.67.89.01, +33145678901",
        "0970123456, +33970123456"})
    void check_mobileFixedAndVoipOfFrance_acceptedInE164(String given, String e164) {
        assertThat(france.check(given)).isEqualTo(new NumberCheck.Accepted(e164));
    }

    @ParameterizedTest
    @CsvSource({
        "0899123456, PREMIUM_RATE",
        "0810123456, SHARED_COST",
        "0820123456, SHARED_COST",
        "0800123456, TOLL_FREE",
        "3230, SHORT_CODE",
        "112, EMERGENCY",
        "15, EMERGENCY",
        "+44 20 7946 0958, FOREIGN",
        "00442079460958, FOREIGN",
        "0712345678, INVALID",
        "06123, INVALID",
        "call me maybe, INVALID",
        "'', INVALID"})
    void check_refusedNumbers_sayWhy(String given, NumberRefusal reason) {
        assertThat(france.check(given)).isEqualTo(new NumberCheck.Refused(reason));
    }

    @Test
    void check_overlongInput_invalidWithoutParsing() {
        assertThat(france.check("0".repeat(CallbackNumberPolicy.MAX_INPUT_LENGTH + 1)))
                .isEqualTo(new NumberCheck.Refused(NumberRefusal.INVALID));
    }

    @Test
    void check_foreignRegionAllowedByConfig_accepted() {
        CallbackNumberPolicy withUk = new CallbackNumberPolicy(
                new NumberingPlanSettings("FR", Set.of("gb"), true, false, false), new SimpleMeterRegistry());

        assertThat(withUk.check("+44 20 7946 0958")).isEqualTo(new NumberCheck.Accepted("+442079460958"));
        assertThat(withUk.check("0612345678")).isEqualTo(new NumberCheck.Accepted("+33612345678"));
    }

    @Test
    void check_tollFreeSharedCostAndVoipFollowTheConfig() {
        CallbackNumberPolicy open = new CallbackNumberPolicy(
                new NumberingPlanSettings("FR", Set.of(), false, true, true), new SimpleMeterRegistry());

        assertThat(open.check("0800123456")).isEqualTo(new NumberCheck.Accepted("+33800123456"));
        assertThat(open.check("0810123456")).isEqualTo(new NumberCheck.Accepted("+33810123456"));
        assertThat(open.check("0970123456")).isEqualTo(new NumberCheck.Refused(NumberRefusal.SPECIAL));
        assertThat(open.check("0899123456")).as("premium-rate is never accepted")
                .isEqualTo(new NumberCheck.Refused(NumberRefusal.PREMIUM_RATE));
    }

    @Test
    void check_refusal_countedByReasonWithoutTheNumber() {
        france.check("0899123456");
        france.check("0899123457");
        france.check("3230");
        france.check("0612345678");

        assertThat(registry.get("rappel.callback.refused").tag("reason", "premium_rate").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("rappel.callback.refused").tag("reason", "short_code").counter().count())
                .isEqualTo(1);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().matches(".*\\d{6,}.*")));
    }

    @Test
    void new_unknownRegionInConfig_failsAtStart() {
        assertThatThrownBy(() -> new CallbackNumberPolicy(
                new NumberingPlanSettings("XX", Set.of(), true, false, false), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XX");
    }

    @Test
    void code_isLowerCaseName() {
        assertThat(NumberRefusal.PREMIUM_RATE.code()).isEqualTo("premium_rate");
    }
}
