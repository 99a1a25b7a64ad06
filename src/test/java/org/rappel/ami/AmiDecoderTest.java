package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rappel.ami.AmiCodecFixtures.ascii;
import static org.rappel.ami.AmiCodecFixtures.drain;
import static org.rappel.ami.AmiCodecFixtures.feedByteByByte;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AmiDecoderTest {

    private static EmbeddedChannel client() {
        return new EmbeddedChannel(new AmiDecoder(true, 4096));
    }

    @Test
    void decode_loginExchangeByteByByte() {
        EmbeddedChannel ch = client();
        List<Object> out = feedByteByByte(ch, AmiCodecFixtures.LOGIN_EXCHANGE.getBytes(StandardCharsets.UTF_8));

        assertThat(out).hasSize(4);
        assertThat(out.get(0)).isEqualTo(new AmiBanner("Asterisk Call Manager/11.0.0"));
        assertThat(((AmiBanner) out.get(0)).isAsterisk()).isTrue();
        AmiResponse login = (AmiResponse) out.get(1);
        assertThat(login.isSuccess()).isTrue();
        assertThat(login.actionId()).contains("login-1");
        assertThat(login.message()).contains("Authentication accepted");
        FullyBootedEvent booted = (FullyBootedEvent) out.get(2);
        assertThat(booted.uptime()).contains(Duration.ofSeconds(283));
        assertThat(booted.lastReload()).contains(Duration.ofSeconds(283));
        GenericEvent auth = (GenericEvent) out.get(3);
        assertThat(auth.name()).isEqualTo("SuccessfulAuth");
        assertThat(auth.headers().size()).isEqualTo(13);
        assertThat(auth.headers().first("RemoteAddress")).contains("IPV4/TCP/127.0.0.1/56226");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decode_failedOriginateResponseByteByByte() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        List<Object> out = feedByteByByte(ch, AmiCodecFixtures.ORIGINATE_FAILED.getBytes(StandardCharsets.UTF_8));

        assertThat(out).hasSize(1);
        OriginateResponseEvent e = (OriginateResponseEvent) out.get(0);
        assertThat(e.originateActionId()).isEqualTo("orig-fail");
        assertThat(e.success()).isFalse();
        assertThat(e.reason()).isEqualTo(OriginateReason.FAILED);
        assertThat(e.uniqueid()).isEmpty();
        assertThat(e.channel()).isEqualTo("Local/999@nosuchcontext");
        // An event, although it has a Response header too.
        assertThat(e.headers().first("Response")).contains("Failure");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decode_emptyValueKeptEmpty() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii(AmiCodecFixtures.HANGUP));

        HangupEvent h = ch.readInbound();
        assertThat(h.headers().first("AccountCode")).contains("");
        assertThat(h.cause()).isZero();
        assertThat(h.causeText()).isEqualTo("Unknown");
        assertThat(h.channel()).isEqualTo("Local/999@nosuchcontext-0000000c;2");
        assertThat(h.uniqueid()).isEqualTo("1795701309.25");
        assertThat(h.linkedid()).isEqualTo("1795701309.24");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decode_repeatedHeadersKeptInOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("Response: Success\r\nActionID: c\r\nMessage: Command output follows\r\n"
                + "Output: one\r\nOutput: two\r\nOutput: \r\nOutput: four: with colon\r\n\r\n"));

        AmiResponse r = ch.readInbound();
        assertThat(r.output()).containsExactly("one", "two", "", "four: with colon");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decode_commandOutputFromCapture() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        List<Object> out = feedByteByByte(ch, AmiCodecFixtures.COMMAND_RESPONSE.getBytes(StandardCharsets.UTF_8));

        assertThat(((AmiResponse) out.get(0)).output()).containsExactly(
                "Asterisk 22.10.1 built by root @ vm on a x86_64 running Linux on 2026-11-26 13:42:36 UTC");
    }

    @Test
    void decode_bareLineFeedsAccepted() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("Response: Success\nActionID: p\nPing: Pong\n\n"));

        AmiResponse r = ch.readInbound();
        assertThat(r.headers().first("Ping")).contains("Pong");
        assertThat(r.actionId()).contains("p");
    }

    @Test
    void decode_strayEmptyLinesBetweenMessagesIgnored() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("\r\n\r\nResponse: Success\r\nActionID: a\r\n\r\n\r\n"));

        assertThat(drain(ch)).hasSize(1);
    }

    @Test
    void decode_lineWithoutColonSkippedAndNextMessageDecoded() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        List<Object> out = feedByteByByte(ch, ("Event: Newexten\r\nPrivilege: dialplan,all\r\nno colon here\r\n\r\n"
                + AmiCodecFixtures.HANGUP).getBytes(StandardCharsets.UTF_8));

        assertThat(out).hasSize(2);
        MalformedAmiMessage bad = (MalformedAmiMessage) out.get(0);
        assertThat(bad.reason()).contains("no colon here");
        assertThat(bad.headers().first("Event")).contains("Newexten");
        assertThat(out.get(1)).isInstanceOf(HangupEvent.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decode_eventMissingRequiredFieldIsMalformed() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("Event: Hangup\r\nChannel: SIP/a-1\r\nUniqueid: 1.1\r\nCause: sixteen\r\n\r\n"
                + "Event: OriginateResponse\r\nResponse: Success\r\nReason: 4\r\n\r\n"));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(2).allMatch(MalformedAmiMessage.class::isInstance);
        assertThat(((MalformedAmiMessage) out.get(0)).reason()).contains("Hangup", "Cause");
        assertThat(((MalformedAmiMessage) out.get(1)).reason()).contains("ActionID");
    }

    @Test
    void decode_messageNeitherResponseNorEventIsMalformed() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("Foo: bar\r\n\r\n"));

        assertThat(((MalformedAmiMessage) ch.readInbound()).reason()).contains("neither");
    }

    @Test
    void decode_oversizedMessageSkippedWithoutBufferingIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 256));
        String big = "Event: UserEvent\r\nData: " + "x".repeat(2000) + "\r\nMore: y\r\n\r\n";
        ch.writeInbound(ascii(big.substring(0, 1000)));
        assertThat(drain(ch)).isEmpty();
        ch.writeInbound(ascii(big.substring(1000) + AmiCodecFixtures.COMMAND_RESPONSE));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertThat(((MalformedAmiMessage) out.get(0)).reason()).contains("longer than 256");
        assertThat(out.get(1)).isInstanceOf(AmiResponse.class);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void decode_oversizedLineEndingInCrLfDoesNotEndTheMessage() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 128));
        // The discarded long line's own "\r\n" must not count as the empty line.
        ch.writeInbound(ascii("Event: X\r\nData: " + "y".repeat(300)));
        ch.writeInbound(ascii("\r\nTail: z\r\n\r\nResponse: Success\r\nActionID: after\r\n\r\n"));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(MalformedAmiMessage.class);
        assertThat(((AmiResponse) out.get(1)).actionId()).contains("after");
    }

    @Test
    void decode_utf8CallerNameKept() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("Event: NewCallerid\r\nCallerIDName: Zoé Müller\r\n\r\n"));

        GenericEvent e = ch.readInbound();
        assertThat(e.headers().first("CallerIDName")).contains("Zoé Müller");
    }

    @Test
    void decode_partialMessageStaysBufferedUntilComplete() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("Response: Success\r\nActionID: x\r\n"));
        Object early = ch.readInbound();
        assertThat(early).isNull();
        ch.writeInbound(ascii("\r\n"));
        assertThat(((AmiResponse) ch.readInbound()).actionId()).contains("x");
        ByteBuf leftover = ch.readInbound();
        assertThat(leftover).isNull();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void typedEvents_fromCaptureHeaders() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        ch.writeInbound(ascii("Event: DTMFEnd\r\nPrivilege: dtmf,all\r\nChannel: Local/dtmf@agitest-00000003;2\r\n"
                + "Uniqueid: 1795701119.7\r\nDigit: 3\r\nDurationMs: 200\r\nDirection: Received\r\n\r\n"
                + "Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Cleanly\r\nRestart: True\r\n\r\n"
                + "Event: DialEnd\r\nDestChannel: Local/s@agents-0000000d;1\r\nDestUniqueid: 1795701310.26\r\n"
                + "DialStatus: ANSWER\r\n\r\n"
                + "Event: BridgeEnter\r\nBridgeUniqueid: 1b26f6c3\r\nChannel: Local/100@agents-0000000b;1\r\n"
                + "Uniqueid: 1795701275.22\r\n\r\n"));

        List<Object> out = drain(ch);
        DtmfEndEvent dtmf = (DtmfEndEvent) out.get(0);
        assertThat(dtmf.digit()).isEqualTo('3');
        assertThat(dtmf.duration()).isEqualTo(Duration.ofMillis(200));
        assertThat(dtmf.received()).isTrue();
        ShutdownEvent shutdown = (ShutdownEvent) out.get(1);
        assertThat(shutdown.clean()).isTrue();
        assertThat(shutdown.restart()).isTrue();
        DialEndEvent dialEnd = (DialEndEvent) out.get(2);
        assertThat(dialEnd.dialStatus()).isEqualTo("ANSWER");
        assertThat(dialEnd.channel()).isEqualTo(Optional.empty());
        assertThat(((BridgeEnterEvent) out.get(3)).bridgeUniqueid()).isEqualTo("1b26f6c3");
    }

    @Test
    void decode_coreShowChannelsListAckItemAndComplete() {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiDecoder(false, 4096));
        // The ack and the end as in ami-run9-misc; the item in manager.c's action_coreshowchannels form.
        ch.writeInbound(ascii("Response: Success\r\nActionID: csc-1\r\nEventList: start\r\n"
                + "Message: Channels will follow\r\n\r\n"
                + "Event: CoreShowChannel\r\nActionID: csc-1\r\nChannel: PJSIP/agent101-0000002a\r\n"
                + "ChannelState: 6\r\nChannelStateDesc: Up\r\nCallerIDNum: 101\r\nCallerIDName: <unknown>\r\n"
                + "ConnectedLineNum: <unknown>\r\nConnectedLineName: <unknown>\r\nLanguage: fr\r\n"
                + "AccountCode: \r\nContext: agents\r\nExten: \r\nPriority: 1\r\n"
                + "Uniqueid: 1795701999.1\r\nLinkedid: 1795701998.7\r\nApplication: AppDial\r\n"
                + "ApplicationData: (Outgoing Line)\r\nDuration: 00:01:07\r\n"
                + "BridgeId: 5e4a1f0c-6c1d-4a39-8c5b-4b1f0e1d2c3a\r\n\r\n"
                + "Event: CoreShowChannel\r\nActionID: csc-1\r\nChannel: Local/s@hold-00000001;2\r\n"
                + "Uniqueid: 1795701998.9\r\nLinkedid: 1795701998.9\r\nApplication: MusicOnHold\r\n"
                + "ApplicationData: \r\nDuration: 00:00:03\r\nBridgeId: \r\n\r\n"
                + "Event: CoreShowChannelsComplete\r\nActionID: csc-1\r\nEventList: Complete\r\n"
                + "ListItems: 2\r\n\r\n"));

        List<Object> out = drain(ch);
        assertThat(out).hasSize(4);
        AmiResponse ack = (AmiResponse) out.get(0);
        assertThat(ack.isSuccess()).isTrue();
        assertThat(ack.headers().first("EventList")).contains("start");
        CoreShowChannelEvent agent = (CoreShowChannelEvent) out.get(1);
        assertThat(agent.actionId()).contains("csc-1");
        assertThat(agent.channel()).isEqualTo("PJSIP/agent101-0000002a");
        assertThat(agent.uniqueid()).isEqualTo("1795701999.1");
        assertThat(agent.linkedid()).isEqualTo("1795701998.7");
        assertThat(agent.bridgeId()).contains("5e4a1f0c-6c1d-4a39-8c5b-4b1f0e1d2c3a");
        assertThat(((CoreShowChannelEvent) out.get(2)).bridgeId()).isEmpty();
        GenericEvent complete = (GenericEvent) out.get(3);
        assertThat(complete.name()).isEqualTo("CoreShowChannelsComplete");
        assertThat(complete.actionId()).contains("csc-1");
        assertThat(complete.headers().first("ListItems")).contains("2");
    }
}
