package org.rappel.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AmiActionEncoderTest {

    private static String encode(String actionId, AmiAction action) {
        EmbeddedChannel ch = new EmbeddedChannel(new AmiActionEncoder());
        ch.writeOutbound(new AmiRequest(actionId, action));
        ByteBuf out = ch.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
            assertThat(ch.finish()).isFalse();
        }
    }

    @Test
    void encode_loginAsInCapture() {
        assertThat(encode("login-1", new LoginAction("ivr", "ivrsecret"))).isEqualTo(
                "Action: Login\r\nUsername: ivr\r\nSecret: ivrsecret\r\nActionID: login-1\r\n\r\n");
    }

    @Test
    void encode_asyncOriginateToApplicationAsInCapture() {
        OriginateAction originate = OriginateAction.toApplication("Local/s@hotline", "Wait", "30")
                .withCallerId("Test Caller <5551234>");

        assertThat(encode("orig-1", originate)).isEqualTo("Action: Originate\r\nChannel: Local/s@hotline\r\n"
                + "Application: Wait\r\nData: 30\r\nCallerID: Test Caller <5551234>\r\nAsync: true\r\n"
                + "ActionID: orig-1\r\n\r\n");
    }

    @Test
    void encode_originateToExtensionWithVariablesInOrder() {
        OriginateAction originate = OriginateAction.toExtension("Local/0612345678@citizens", "callback", "s", 1)
                .withTimeout(Duration.ofSeconds(30)).withVariable("CB_ID", "78").withVariable("CB_KIND", "test");

        assertThat(encode("o", originate)).isEqualTo("Action: Originate\r\nChannel: Local/0612345678@citizens\r\n"
                + "Context: callback\r\nExten: s\r\nPriority: 1\r\nTimeout: 30000\r\nVariable: CB_ID=78\r\n"
                + "Variable: CB_KIND=test\r\nAsync: true\r\nActionID: o\r\n\r\n");
    }

    @Test
    void encode_pingRedirectHangupCommand() {
        assertThat(encode("ping-1", new PingAction())).isEqualTo("Action: Ping\r\nActionID: ping-1\r\n\r\n");
        assertThat(encode("redirect-3", new RedirectAction("Local/s@hotline-00000009;2", "exp_connect", "s", 1)))
                .isEqualTo("Action: Redirect\r\nChannel: Local/s@hotline-00000009;2\r\nContext: exp_connect\r\n"
                        + "Exten: s\r\nPriority: 1\r\nActionID: redirect-3\r\n\r\n");
        assertThat(encode("h", new HangupAction("SIP/a-1"))).isEqualTo(
                "Action: Hangup\r\nChannel: SIP/a-1\r\nActionID: h\r\n\r\n");
        assertThat(encode("cmd-1", new CommandAction("core show version"))).isEqualTo(
                "Action: Command\r\nCommand: core show version\r\nActionID: cmd-1\r\n\r\n");
    }

    @Test
    void header_lineBreakInValueRefused() {
        assertThatThrownBy(() -> new CommandAction("core show version\r\nAction: Hangup").fields())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> OriginateAction.toApplication("Local/1@x", "Wait", "1")
                .withVariable("A", "b\nc").fields()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toString_hidesSecret() {
        assertThat(new LoginAction("rappel", "s3cr3t").toString()).doesNotContain("s3cr3t");
        assertThat(AmiSettings.defaults("s3cr3t").toString()).doesNotContain("s3cr3t");
        assertThat(AmiHeaders.of("Secret", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void encode_coreShowChannelsAsInCapture() {
        assertThat(encode("csc-1", new CoreShowChannelsAction())).isEqualTo(
                "Action: CoreShowChannels\r\nActionID: csc-1\r\n\r\n");
    }
}
