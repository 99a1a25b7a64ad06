package org.rappel.sim.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dialplan reader against the shipped {@code asterisk-config/extensions.conf} and pbx_config's forms. */
class DialplanTest {

    private static final Path SHIPPED = Path.of("asterisk-config/extensions.conf");

    @Test
    void load_shippedFile_callbackContextRunsNoOpAgiHangup() {
        Dialplan plan = Dialplan.load(SHIPPED);

        assertThat(plan.contexts()).contains("rappel-inbound", "rappel-transfer", "rappel-callback");
        assertThat(plan.globals()).containsEntry("RAPPEL_AGI", "127.0.0.1:4573");
        assertThat(plan.find("rappel-callback", "s", 1)).get().satisfies(s -> {
            assertThat(s.application()).isEqualTo("NoOp");
            assertThat(s.data()).isEqualTo("Rappel callback ${RAPPEL_CALLBACK_ID}");
        });
        assertThat(plan.find("rappel-callback", "s", 2)).get().satisfies(s -> {
            assertThat(s.application()).isEqualTo("AGI");
            assertThat(s.data()).isEqualTo("agi://${RAPPEL_AGI}/callback?id=${RAPPEL_CALLBACK_ID}");
            assertThat(s.line()).startsWith("extensions.conf:");
        });
        assertThat(plan.find("rappel-callback", "s", 3)).get().extracting(DialplanStep::application)
                .isEqualTo("Hangup");
        assertThat(plan.find("rappel-callback", "s", 4)).isEmpty();
        plan.requireSimulated("rappel-callback");
    }

    @Test
    void load_shippedFile_inboundLabelsAndItsGotoIfIsNotSimulated() {
        Dialplan plan = Dialplan.load(SHIPPED);

        assertThat(plan.priorityOf("rappel-inbound", "3230", "unavailable")).contains(5);
        assertThat(plan.find("rappel-inbound", "3230", 3)).get().extracting(DialplanStep::application)
                .isEqualTo("GotoIf");
        assertThatThrownBy(() -> plan.requireSimulated("rappel-inbound"))
                .hasMessageMatching("extensions\\.conf:\\d+: application GotoIf in \\[rappel-inbound\\] is not "
                        + "simulated.*");
        assertThatThrownBy(() -> plan.requireSimulated("nosuch")).hasMessageContaining("no context [nosuch]");
    }

    @Test
    void substitution_expandsNestedFunctionsAndGlobals() {
        Dialplan plan = Dialplan.load(SHIPPED).withGlobal("RAPPEL_AGI", "127.0.0.1:40000");
        Map<String, String> vars = Map.of("RAPPEL_CALLBACK_ID", "42", "WHICH", "CALLBACK_ID");
        String data = plan.find("rappel-callback", "s", 2).orElseThrow().data();

        String url = Substitution.expand(data, name -> Optional.ofNullable(vars.get(name))
                .or(() -> Optional.ofNullable(plan.globals().get(name))));

        assertThat(url).isEqualTo("agi://127.0.0.1:40000/callback?id=42");
        assertThat(Substitution.expand("${RAPPEL_${WHICH}}-${UNSET}-${CALLERID(num)}",
                name -> name.equals("CALLERID(num)") ? Optional.of("3230")
                        : Optional.ofNullable(vars.get(name)))).isEqualTo("42--3230");
        assertThatThrownBy(() -> Substitution.expand("$[1 + 1]", n -> Optional.empty()))
                .hasMessageContaining("not simulated");
    }

    @Test
    void parse_prioritiesPatternsIncludesAndComments() {
        Dialplan plan = Dialplan.parse("""
                [general]
                static=yes
                [a]
                include => b
                exten => 100,1,NoOp(first \\; not a comment) ; a comment
                 same => n(two),Set(X=1)
                 same => 5,Hangup
                [b]
                exten => _+33[67]XXXXXXXX,1,Playback(beep)
                """, "t.conf");

        assertThat(plan.find("a", "100", 1)).get().extracting(DialplanStep::data).isEqualTo("first ; not a comment");
        assertThat(plan.find("a", "100", 2)).get().extracting(DialplanStep::label).isEqualTo(Optional.of("two"));
        assertThat(plan.find("a", "100", 5)).get().satisfies(s -> {
            assertThat(s.application()).isEqualTo("Hangup");
            assertThat(s.data()).isEmpty();
            assertThat(s.line()).isEqualTo("t.conf:7");
        });
        assertThat(plan.exists("a", "+33612345678")).isTrue();
        assertThat(plan.exists("a", "+33512345678")).isFalse();
        assertThat(plan.exists("b", "+3361234567")).isFalse();
    }

    @Test
    void parse_errorsNameFileAndLine() {
        assertThatThrownBy(() -> Dialplan.parse("[a]\nsame => n,NoOp()\n", "x.conf"))
                .hasMessage("x.conf:2: same => with no exten before it");
        assertThatThrownBy(() -> Dialplan.parse("exten => s,1,NoOp()\n", "x.conf"))
                .hasMessage("x.conf:1: line outside any [context]");
        assertThatThrownBy(() -> Dialplan.parse("[a]\nexten => s,1,NoOp()\nexten => s,1,NoOp()\n", "x.conf"))
                .hasMessageContaining("x.conf:3: priority 1 of s in [a] written twice");
        assertThatThrownBy(() -> Dialplan.parse("#include other.conf\n", "x.conf"))
                .hasMessage("x.conf:1: #include is not simulated");
        assertThatThrownBy(() -> Dialplan.parse("[a]\nexten => s,one,NoOp()\n", "x.conf"))
                .hasMessage("x.conf:2: bad priority one");
        assertThatThrownBy(() -> Dialplan.parse("[a]\nswitch => Realtime\n", "x.conf"))
                .hasMessage("x.conf:2: switch => is not simulated");
    }
}
