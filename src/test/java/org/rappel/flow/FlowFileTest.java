package org.rappel.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading flow files: what is accepted, and each refusal with its line. */
class FlowFileTest {

    /** A valid flow; the tests below change one line of it and expect the refusal on that line. */
    private static final String MENU = """
            hotlines:
              test:
                start: menu
                nodes:
                  menu:
                    type: menu
                    prompt: rappel/menu
                    choices:
                      "1": queue
                      "2": bye
                    timeout: 5s
                    on-failure: bye
                  queue:
                    type: enqueue
                    service: general
                  bye:
                    type: hangup
            """;

    private static final String COLLECT = """
            hotlines:
              test:
                start: number
                nodes:
                  number:
                    type: collect
                    prompt: rappel/enter-number
                    min-digits: 4
                    max-digits: 6
                    pattern: "[0-9]+"
                    into: number
                    next: say
                    on-failure: bye
                  bye:
                    type: hangup
                  say:
                    type: say-digits
                    variable: number
                    next: bye
            """;

    /** {@code yaml} with line {@code line} (from 1) replaced, so the other lines keep their numbers. */
    private static String withLine(String yaml, int line, String replacement) {
        String[] lines = yaml.split("\n", -1);
        String indent = lines[line - 1].substring(0, lines[line - 1].length() - lines[line - 1].stripLeading().length());
        lines[line - 1] = indent + replacement;
        return String.join("\n", lines);
    }

    private static Map<String, Hotline> read(String yaml) throws FlowDefinitionException {
        return FlowFile.read("test.yaml", new StringReader(yaml));
    }

    private static FlowDefinitionException refused(String yaml) {
        FlowDefinitionException refused = catchThrowableOfType(FlowDefinitionException.class, () -> read(yaml));
        assertThat(refused).as("refusal of:\n%s", yaml).isNotNull();
        return refused;
    }

    private static void assertRefused(String yaml, int line, String reason) {
        FlowDefinitionException refused = refused(yaml);
        assertThat(refused.getMessage()).startsWith("test.yaml:" + line + ": ").contains(reason);
        assertThat(refused.line()).isEqualTo(line);
    }

    @Test
    void read_validFiles_accepted() throws Exception {
        Hotline menu = read(MENU).get("test");
        assertThat(menu.start()).isEqualTo("menu");
        assertThat(menu.answer()).isTrue();
        assertThat(menu.nodes()).containsOnlyKeys("menu", "queue", "bye");
        assertThatCode(() -> read(COLLECT)).doesNotThrowAnyException();
    }

    @Test
    void read_yamlSyntaxError_refusedAtItsLine() {
        assertRefused(withLine(MENU, 11, "timeout: 5s: 6s"), 11, "YAML syntax error");
    }

    @Test
    void read_unknownNodeType_refused() {
        assertRefused(withLine(MENU, 14, "type: queue"), 14, "unknown node type 'queue'");
    }

    @Test
    void read_unknownNodeReferenced_refused() {
        assertRefused(withLine(MENU, 10, "\"2\": goodbye"), 10, "unknown node 'goodbye' referenced by node 'menu'");
    }

    @Test
    void read_unknownStartNode_refused() {
        assertRefused(withLine(MENU, 3, "start: welcome"), 3, "start node 'welcome'");
    }

    @Test
    void read_missingPrompt_refusedAtTheNode() {
        assertRefused(withLine(MENU, 7, "# no prompt"), 5, "missing 'prompt' in node 'menu'");
    }

    @Test
    void read_emptySoundName_refused() {
        assertRefused(withLine(MENU, 7, "prompt: \"\""), 7, "empty value in 'prompt' of node 'menu'");
        assertRefused(withLine(MENU, 7, "prompt: []"), 7, "is an empty list");
        assertRefused(withLine(MENU, 7, "prompt: [rappel/a, \" \"]"), 7, "empty value in 'prompt' of node 'menu'");
    }

    @Test
    void read_soundNameLeavingSoundsDirectory_refused() {
        assertRefused(withLine(MENU, 7, "prompt: rappel/../../etc/passwd"), 7, "is not a sound name");
    }

    @Test
    void read_unknownKey_refusedAtTheKey() {
        assertRefused(withLine(MENU, 11, "tiemout: 5s"), 11, "unknown key 'tiemout' in node 'menu'");
    }

    @Test
    void read_duplicateKey_refusedAtTheSecond() {
        assertRefused(withLine(MENU, 10, "\"1\": bye"), 10, "duplicate key '1'");
        assertRefused(withLine(MENU, 12, "timeout: 6s"), 12, "duplicate key 'timeout'");
    }

    @Test
    void read_negativeTimeout_refused() {
        assertRefused(withLine(MENU, 11, "timeout: -5s"), 11, "must be positive, not -5s");
    }

    @Test
    void read_timeoutWithoutUnit_refused() {
        assertRefused(withLine(MENU, 11, "timeout: 5 seconds"), 11, "must be a duration like 500ms");
    }

    @Test
    void read_triesZero_refused() {
        assertRefused(withLine(MENU, 11, "tries: 0"), 11, "'tries' in node 'menu' must be between 1 and 10");
    }

    @Test
    void read_keyNotDtmf_refused() {
        assertRefused(withLine(MENU, 10, "\"A\": bye"), 10, "DTMF key 'A'");
        assertRefused(withLine(MENU, 10, "\"12\": bye"), 10, "DTMF key '12'");
    }

    @Test
    void read_starAndHashKeys_accepted() throws Exception {
        String yaml = withLine(withLine(MENU, 9, "\"*\": queue"), 10, "\"#\": bye");
        FlowNode.Menu menu = (FlowNode.Menu) read(yaml).get("test").node("menu");
        assertThat(menu.choices()).containsOnlyKeys('*', '#');
    }

    @Test
    void read_unreachableNode_refusedAtTheNode() {
        String yaml = MENU + """
                      orphan:
                        type: hangup
                """;
        assertRefused(yaml, 18, "node 'orphan' is unreachable from start node 'menu'");
    }

    @Test
    void read_loopWithoutExit_refusedAtTheFirstNodeOfTheLoop() {
        String yaml = withLine(MENU, 10, "\"2\": again") + """
                      again:
                        type: prompt
                        prompt: rappel/again
                        next: again-too
                      again-too:
                        type: prompt
                        prompt: rappel/again
                        next: again
                """;
        assertRefused(yaml, 18, "node 'again' loops without exit");
    }

    @Test
    void read_menuWhoseRoutesAllComeBack_refusedDespiteRetries() {
        String yaml = """
                hotlines:
                  test:
                    start: menu
                    nodes:
                      menu:
                        type: menu
                        prompt: rappel/menu
                        choices: {"1": sorry}
                        tries: 3
                        on-failure: menu
                      sorry:
                        type: prompt
                        prompt: rappel/sorry
                        next: menu
                """;
        assertRefused(yaml, 5, "node 'menu' loops without exit");
    }

    @Test
    void read_minDigitsAboveMax_refused() {
        assertRefused(withLine(COLLECT, 8, "min-digits: 8"), 8, "min-digits 8 is more than max-digits 6");
    }

    @Test
    void read_badRegex_refused() {
        assertRefused(withLine(COLLECT, 10, "pattern: \"[0-9\""), 10, "bad pattern in node 'number'");
    }

    @Test
    void read_unknownFlowVariable_refused() {
        assertRefused(withLine(COLLECT, 18, "variable: numbr"), 18, "reads flow variable 'numbr'");
    }

    @Test
    void read_sayDigitsBothValueAndVariable_refused() {
        String yaml = withLine(COLLECT, 19, "value: \"12\"");
        assertRefused(yaml, 18, "exactly one of 'value' (literal) or 'variable'");
    }

    @Test
    void read_sayNumberNotANumber_refused() {
        String yaml = withLine(withLine(COLLECT, 17, "type: say-number"), 18, "value: twelve");
        assertRefused(yaml, 18, "value 'twelve' of node 'say' is not a whole number");
    }

    @Test
    void read_languageDefaultNotAChoice_refused() {
        String yaml = """
                hotlines:
                  test:
                    start: language
                    nodes:
                      language:
                        type: language
                        prompt: rappel/choose-language
                        choices: {"1": fr, "2": en}
                        default: de
                        next: bye
                      bye:
                        type: hangup
                """;
        assertRefused(yaml, 9, "default language 'de' of node 'language' is not one of its choices");
    }

    @Test
    void read_transferBadPriority_refused() {
        String yaml = withLine(withLine(MENU, 14, "type: transfer"), 15,
                "context: agents\n        extension: \"100\"\n        priority: 0");
        assertRefused(yaml, 17, "bad 'priority'");
    }

    @Test
    void read_topLevelTypo_refused() {
        assertRefused(withLine(MENU, 1, "hotline:"), 1, "unknown key 'hotline' in the flow file");
    }

    @Test
    void read_emptyFile_refused() {
        assertRefused("# nothing yet\n", 1, "empty flow file");
    }

    @Test
    void read_answerNotBoolean_refused() {
        assertRefused(withLine(MENU, 3, "start: menu\n    answer: yes"), 4, "'answer' in hotline 'test' must be true or false");
    }

    @Test
    void read_nodeNotAMapping_refused() {
        assertRefused(withLine(withLine(MENU, 17, "# gone"), 16, "bye: hangup"), 16, "node 'bye' must be a mapping");
    }
}
