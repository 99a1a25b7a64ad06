package org.rappel.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Feeds Asterisk's bytes, as captured in shared/asterisk/agi-transcript.txt, one byte at a time. */
class AgiDecoderTest {

    /** Connection c2 of the transcript: a query string and two AGI() arguments. */
    static final String DTMF_ENVIRONMENT = """
            agi_network: yes
            agi_network_script: dtmf?from=agitest
            agi_request: agi://127.0.0.1:4574/dtmf?from=agitest
            agi_channel: Local/dtmf@agitest-00000001;2
            agi_language: en
            agi_type: Local
            agi_uniqueid: 1795701085.3
            agi_version: 22.10.1
            agi_callerid: 5550002
            agi_calleridname: DTMF Test
            agi_callingpres: 0
            agi_callingani2: 0
            agi_callington: 0
            agi_callingtns: 0
            agi_dnid: unknown
            agi_rdnis: unknown
            agi_context: agitest
            agi_extension: dtmf
            agi_priority: 2
            agi_enhanced: 0.0
            agi_accountcode: \n\
            agi_threadid: 140012339697344
            agi_arg_1: first arg
            agi_arg_2: second arg

            """;

    static final String HOTLINE_ENVIRONMENT = """
            agi_network: yes
            agi_network_script: hotline
            agi_request: agi://127.0.0.1:4574/hotline
            agi_channel: Local/s@hotline-00000000;2
            agi_language: en
            agi_type: Local
            agi_uniqueid: 1795701040.1
            agi_version: 22.10.1
            agi_callerid: 5551234
            agi_calleridname: Test Caller
            agi_callingpres: 0
            agi_callingani2: 0
            agi_callington: 0
            agi_callingtns: 0
            agi_dnid: unknown
            agi_rdnis: unknown
            agi_context: hotline
            agi_extension: s
            agi_priority: 2
            agi_enhanced: 0.0
            agi_accountcode: \n\
            agi_threadid: 140012338673344

            """;

    private final List<ByteBuf> written = new ArrayList<>();
    private EmbeddedChannel channel = new EmbeddedChannel(new AgiDecoder(8192, 256));

    @AfterEach
    void nothingLeftOverAndEveryBufferReleased() {
        assertThat(channel.finish()).as("messages left over").isFalse();
        assertThat(written).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void decode_dtmfEnvironment() {
        feed(DTMF_ENVIRONMENT);

        AgiRequest request = environment();
        assertThat(request.script()).isEqualTo("dtmf");
        assertThat(request.query()).isEqualTo(Map.of("from", "agitest"));
        assertThat(request.arguments()).containsExactly("first arg", "second arg");
        assertThat(request.channel()).isEqualTo("Local/dtmf@agitest-00000001;2");
        assertThat(request.uniqueId()).isEqualTo("1795701085.3");
        assertThat(request.callerId()).contains("5550002");
        assertThat(request.callerIdName()).contains("DTMF Test");
        assertThat(request.dnid()).isEmpty();
        assertThat(request.language()).isEqualTo("en");
        assertThat(request.context()).isEqualTo("agitest");
        assertThat(request.extension()).isEqualTo("dtmf");
        assertThat(request.priority()).isEqualTo(2);
        assertThat(request.accountCode()).isEmpty();
        assertThat(request.version()).isEqualTo("22.10.1");
        assertThat(request.environment())
                .containsEntry("rdnis", "unknown")
                .containsEntry("threadid", "140012339697344")
                .containsEntry("accountcode", "")
                .hasSize(24);
    }

    @Test
    void decode_hotlineCallReplies() {
        feed(HOTLINE_ENVIRONMENT);
        AgiRequest request = environment();
        assertThat(request.script()).isEqualTo("hotline");
        assertThat(request.query()).isEmpty();
        assertThat(request.arguments()).isEmpty();

        feed("200 result=0\n");
        assertThat(reply()).isEqualTo(success("0", null, null));
        feed("200 result=0 endpos=3520\n");
        assertThat(reply()).isEqualTo(success("0", null, 3520L));
        feed("200 result= (timeout)\n");
        AgiReply.Success timeout = (AgiReply.Success) reply();
        assertThat(timeout).isEqualTo(success("", "timeout", null));
        assertThat(timeout.timedOut()).isTrue();
        assertThat(timeout.resultCode()).isZero();
        feed("200 result=1 (bar)\n");
        assertThat(reply()).isEqualTo(success("1", "bar", null));
        feed("200 result=6\n");
        assertThat(reply()).isEqualTo(success("6", null, null));
        // HANGUP command, its reply, then NOOP: the notice comes before NOOP's reply.
        feed("200 result=1\nHANGUP\n200 result=0\n");
        assertThat(reply()).isEqualTo(success("1", null, null));
        assertThat(channel.<Object>readInbound()).isEqualTo(new AgiInbound.HangupNotice());
        assertThat(reply()).isEqualTo(success("0", null, null));
    }

    @Test
    void decode_partialDigitsWithTimeout() {
        feed(DTMF_ENVIRONMENT);
        environment();
        feed("200 result=4 (timeout)\n200 result=42\n200 result=55\n");

        AgiReply.Success partial = (AgiReply.Success) reply();
        assertThat(partial).isEqualTo(success("4", "timeout", null));
        assertThat(partial.timedOut()).isTrue();
        assertThat(reply()).isEqualTo(success("42", null, null));
        AgiReply.Success key = (AgiReply.Success) reply();
        assertThat(key.digit()).contains('7');
    }

    @Test
    void decode_badcmdReplies() {
        feed(DTMF_ENVIRONMENT);
        environment();
        feed("510 Invalid or unknown command\n");
        assertThat(reply()).isEqualTo(new AgiReply.InvalidCommand("Invalid or unknown command"));

        feed("""
                520-Invalid command syntax.  Proper usage follows:
                Stream the given <replaceable>file</replaceable>, and receive DTMF data.
                Returns the digits received from the channel at the other end.
                520 End of proper usage.
                """);
        assertThat(reply()).isEqualTo(new AgiReply.UsageError(List.of(
                "Stream the given <replaceable>file</replaceable>, and receive DTMF data.",
                "Returns the digits received from the channel at the other end.")));

        feed("200 result=1 (Local/badcmd@agitest-00000007;2-1795701220.15)\n");
        assertThat(reply()).isEqualTo(success("1", "Local/badcmd@agitest-00000007;2-1795701220.15", null));
        feed("200 result=1 (with space)\n");
        assertThat(reply()).isEqualTo(success("1", "with space", null));
        feed("200 result=-1 endpos=0\n");
        AgiReply.Success missingFile = (AgiReply.Success) reply();
        assertThat(missingFile).isEqualTo(success("-1", null, 0L));
        assertThat(missingFile.failed()).isTrue();
        feed("511 Command Not Permitted on a dead channel or intercept routine\n");
        assertThat(reply()).isEqualTo(
                new AgiReply.DeadChannel("Command Not Permitted on a dead channel or intercept routine"));
    }

    @Test
    void decode_hangupNoticeBeforeReplyAndWhileIdle() {
        feed(DTMF_ENVIRONMENT);
        environment();
        feed("200 result=-1\nHANGUP\n200 result=0\n511 Command Not Permitted on a dead channel or intercept routine\n");

        assertThat(reply()).isEqualTo(success("-1", null, null));
        assertThat(channel.<Object>readInbound()).isInstanceOf(AgiInbound.HangupNotice.class);
        assertThat(reply()).isEqualTo(success("0", null, null));
        assertThat(reply()).isInstanceOf(AgiReply.DeadChannel.class);
    }

    @Test
    void decode_dataWithParenthesesAndEndpos() {
        feed(HOTLINE_ENVIRONMENT);
        environment();
        feed("200 result=1 (a (b) c)\n200 result=0 (hangup) endpos=8000\n200 result=1 (speech) endpos=960 results=1 0.95\n");

        assertThat(reply()).isEqualTo(success("1", "a (b) c", null));
        assertThat(reply()).isEqualTo(success("0", "hangup", 8000L));
        assertThat(reply()).isEqualTo(success("1", "(speech) endpos=960 results=1 0.95", 960L));
    }

    @Test
    void decode_crlfLineEndsTolerated() {
        feed(HOTLINE_ENVIRONMENT.replace("\n", "\r\n") + "200 result=0\r\nHANGUP\r\n");

        assertThat(environment().callerId()).contains("5551234");
        assertThat(reply()).isEqualTo(success("0", null, null));
        assertThat(channel.<Object>readInbound()).isInstanceOf(AgiInbound.HangupNotice.class);
    }

    @Test
    void decode_singleLineUsageError() {
        feed(HOTLINE_ENVIRONMENT);
        environment();
        feed("520 Invalid command syntax.  Proper usage not available.\n");
        assertThat(reply()).isEqualTo(new AgiReply.UsageError(List.of()));
    }

    @Test
    void decode_scriptPathWithLeadingSlashAndEncodedQuery() {
        feed("agi_network_script: /callback?id=44&name=a%20b&flag\nagi_priority: 1\n\n");
        AgiRequest request = environment();
        assertThat(request.script()).isEqualTo("callback");
        assertThat(request.query()).isEqualTo(Map.of("id", "44", "name", "a b", "flag", ""));
        assertThat(request.callerId()).isEmpty();
        assertThat(request.channel()).isEmpty();
    }

    @Test
    void decode_lineTooLongInEnvironment() {
        channel = new EmbeddedChannel(new AgiDecoder(64, 256));
        feed("agi_network_script: hotline\nagi_channel: " + "x".repeat(100) + "\n\n200 result=0\n");
        assertFailure(AgiProtocolError.LINE_TOO_LONG);
    }

    @Test
    void decode_lineTooLongWithoutLineEnd() {
        channel = new EmbeddedChannel(new AgiDecoder(64, 256));
        feed("agi_network_script: hotline\n\n" + "2".repeat(66));
        assertThat(environment().script()).isEqualTo("hotline");
        assertFailure(AgiProtocolError.LINE_TOO_LONG);
    }

    @Test
    void decode_lineOfExactlyMaxLengthAccepted() {
        String line = "agi_network_script: hotline";
        channel = new EmbeddedChannel(new AgiDecoder(line.length(), 256));
        feed(line + "\r\n\n");
        assertThat(environment().script()).isEqualTo("hotline");
    }

    @Test
    void decode_malformedEnvironmentLine() {
        feed("GET / HTTP/1.1\r\nHost: example\r\n\r\n");
        assertFailure(AgiProtocolError.MALFORMED_ENVIRONMENT);
    }

    @Test
    void decode_environmentWithoutScript() {
        feed("agi_network: yes\nagi_channel: Local/s@hotline-00000000;2\n\n");
        assertFailure(AgiProtocolError.MALFORMED_ENVIRONMENT);
    }

    @Test
    void decode_tooManyEnvironmentLines() {
        channel = new EmbeddedChannel(new AgiDecoder(8192, 5));
        feed("agi_network_script: hotline\n" + "agi_x: y\n".repeat(5) + "\n");
        assertFailure(AgiProtocolError.TOO_MANY_ENVIRONMENT_LINES);
    }

    @Test
    void decode_malformedReply() {
        feed(HOTLINE_ENVIRONMENT);
        environment();
        feed("300 what\n200 result=0\n");
        assertFailure(AgiProtocolError.MALFORMED_REPLY);
    }

    @Test
    void decode_binaryJunk() {
        byte[] junk = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, '\n', 'x', '\n'};
        feedBytes(junk);
        assertFailure(AgiProtocolError.BINARY_JUNK);
    }

    @Test
    void decode_latin1CallerName_isReadAsLatin1() {
        feed("agi_network_script: hotline\n");
        feedBytes(new byte[] {'a', 'g', 'i', '_', 'c', 'a', 'l', 'l', 'e', 'r', 'i', 'd', 'n', 'a', 'm', 'e', ':', ' ',
            'Z', 'o', (byte) 0xe9, '\n', '\n'});
        assertThat(environment().callerIdName()).contains("Zo\u00e9");
    }

    @Test
    void decode_controlByteInCallerName_isShownAsQuestionMark() {
        feed("agi_network_script: hotline\nagi_calleridname: Zo\u001be\n\n");
        assertThat(environment().callerIdName()).contains("Zo?e");
    }

    @Test
    void decode_utf8CallerName() {
        feed("agi_network_script: hotline\nagi_calleridname: Zoé Müller\n\n");
        assertThat(environment().callerIdName()).contains("Zoé Müller");
    }

    @Test
    void decode_usageTextTooLong() {
        channel = new EmbeddedChannel(new AgiDecoder(8192, 3));
        feed("agi_network_script: hotline\n\n520-Invalid command syntax.\na\nb\nc\nd\n520 End of proper usage.\n");
        environment();
        assertFailure(AgiProtocolError.MALFORMED_REPLY);
    }

    private void assertFailure(AgiProtocolError error) {
        Object message = channel.readInbound();
        assertThat(message).isInstanceOf(AgiInbound.Malformed.class);
        assertThat(((AgiInbound.Malformed) message).error()).isEqualTo(error);
        assertThat(((AgiInbound.Malformed) message).detail()).isNotBlank();
    }

    private AgiRequest environment() {
        Object message = channel.readInbound();
        assertThat(message).isInstanceOf(AgiInbound.Environment.class);
        return ((AgiInbound.Environment) message).request();
    }

    private AgiReply reply() {
        Object message = channel.readInbound();
        assertThat(message).isInstanceOf(AgiInbound.Reply.class);
        return ((AgiInbound.Reply) message).reply();
    }

    private static AgiReply.Success success(String result, String data, Long endpos) {
        return new AgiReply.Success(result, Optional.ofNullable(data),
                endpos == null ? OptionalLong.empty() : OptionalLong.of(endpos));
    }

    private void feed(String text) {
        feedBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void feedBytes(byte[] bytes) {
        for (byte b : bytes) {
            ByteBuf buf = Unpooled.buffer(1).writeByte(b);
            written.add(buf);
            channel.writeInbound(buf);
        }
    }
}
