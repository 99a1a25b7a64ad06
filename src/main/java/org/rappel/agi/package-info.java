/**
 * FastAGI: Asterisk's {@code AGI(agi://host:4573/<script>)} calls, served on Netty.
 *
 * <p>Public surface: {@link org.rappel.agi.FastAgiServer} (start, shutdown, active sessions) and the contract
 * the IVR engine codes against: {@link org.rappel.agi.AgiScriptMapping} picks an {@link org.rappel.agi.AgiScript}
 * by {@link org.rappel.agi.AgiRequest#script()}, the script drives the call through an
 * {@link org.rappel.agi.AgiSession} with {@link org.rappel.agi.AgiCommand}s and gets {@link org.rappel.agi.AgiReply}s.
 *
 * <p>Inside, in the shape of Netty's codecs: {@code AgiDecoder} (bytes to {@code AgiInbound} messages, an
 * explicit state machine), {@code AgiCommandEncoder}, and the roles {@code FastAgiServer} /
 * {@code FastAgiInitializer} / {@code FastAgiHandler}; {@code AgiChannelSession} is the session over one channel,
 * owned by that channel's event loop. The byte forms follow {@code shared/asterisk/PROTOCOL.md} and
 * {@code agi-transcript.txt}, observed on Asterisk 22.
 */
package org.rappel.agi;
