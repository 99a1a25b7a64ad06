package org.rappel.sim.agi;

import java.util.Map;
import java.util.Optional;

/**
 * The usage text Asterisk 22 prints between {@code 520-Invalid command syntax.  Proper usage follows:} and
 * {@code 520 End of proper usage.}: the command's XML description rendered as res_agi does (one line per
 * paragraph, inner tags such as {@code <replaceable>} left in the text, enumerations indented by four spaces).
 * The text for GET DATA is checked against a capture; the others follow the same rendering rules.
 */
final class AgiUsage {

    private static final Map<String, String> USAGE = Map.ofEntries(
            Map.entry("ANSWER",
                    "Answers channel if not already in answer state. Returns <literal>-1</literal> on channel failure, or <literal>0</literal> if successful."),
            Map.entry("CHANNEL STATUS",
                    "Returns the status of the specified <replaceable>channelname</replaceable>. If no channel name is given then returns the status of the current channel.\nReturn values:\n    <enum>0</enum> - Channel is down and available.\n    <enum>1</enum> - Channel is down, but reserved.\n    <enum>2</enum> - Channel is off hook.\n    <enum>3</enum> - Digits (or equivalent) have been dialed.\n    <enum>4</enum> - Line is ringing.\n    <enum>5</enum> - Remote end is ringing.\n    <enum>6</enum> - Line is up.\n    <enum>7</enum> - Line is busy."),
            Map.entry("DATABASE DEL",
                    "Deletes an entry in the Asterisk database for a given <replaceable>family</replaceable> and <replaceable>key</replaceable>.\nReturns <literal>1</literal> if successful, <literal>0</literal> otherwise."),
            Map.entry("DATABASE DELTREE",
                    "Deletes a <replaceable>family</replaceable> or specific <replaceable>keytree</replaceable> within a <replaceable>family</replaceable> in the Asterisk database.\nReturns <literal>1</literal> if successful, <literal>0</literal> otherwise."),
            Map.entry("DATABASE GET",
                    "Retrieves an entry in the Asterisk database for a given <replaceable>family</replaceable> and <replaceable>key</replaceable>.\nReturns <literal>0</literal> if <replaceable>key</replaceable> is not set. Returns <literal>1</literal> if <replaceable>key</replaceable> is set and returns the variable in parenthesis.\nExample return code: 200 result=1 (testvariable)"),
            Map.entry("DATABASE PUT",
                    "Adds or updates an entry in the Asterisk database for a given <replaceable>family</replaceable>, <replaceable>key</replaceable>, and <replaceable>value</replaceable>.\nReturns <literal>1</literal> if successful, <literal>0</literal> otherwise."),
            Map.entry("EXEC",
                    "Executes <replaceable>application</replaceable> with given <replaceable>options</replaceable>.\nReturns whatever the <replaceable>application</replaceable> returns, or <literal>-2</literal> on failure to find <replaceable>application</replaceable>.\n<note>NOTE:</note> exec does not evaluate dialplan functions and variables unless it is explicitly enabled by setting the <variable>AGIEXECFULL</variable> variable to <literal>yes</literal>."),
            Map.entry("GET DATA",
                    "Stream the given <replaceable>file</replaceable>, and receive DTMF data.\nReturns the digits received from the channel at the other end."),
            Map.entry("GET FULL VARIABLE",
                    "Evaluates the given <replaceable>expression</replaceable> against the channel specified by <replaceable>channelname</replaceable>, or the current channel if <replaceable>channelname</replaceable> is not provided.\nUnlike GET VARIABLE, the <replaceable>expression</replaceable> is processed in a manner similar to dialplan evaluation, allowing complex and built-in variables to be accessed, e.g. <literal>The time is ${EPOCH}</literal>\nReturns <literal>0</literal> if no channel matching <replaceable>channelname</replaceable> exists, <literal>1</literal> otherwise.\nExample return code: 200 result=1 (The time is 1578493800)"),
            Map.entry("GET OPTION",
                    "Behaves similar to STREAM FILE but used with a timeout option."),
            Map.entry("GET VARIABLE",
                    "Returns <literal>0</literal> if <replaceable>variablename</replaceable> is not set. Returns <literal>1</literal> if <replaceable>variablename</replaceable> is set and returns the variable in parentheses.\nExample return code: 200 result=1 (testvariable)"),
            Map.entry("HANGUP",
                    "Hangs up the specified channel. If no channel name is given, hangs up the current channel"),
            Map.entry("NOOP",
                    "Does nothing."),
            Map.entry("SAY DIGITS",
                    "Say a given digit string, returning early if any of the given DTMF digits are received on the channel. Returns <literal>0</literal> if playback completes without a digit being pressed, or the ASCII numerical value of the digit if one was pressed or <literal>-1</literal> on error/hangup."),
            Map.entry("SAY NUMBER",
                    "Say a given number, returning early if any of the given DTMF digits are received on the channel.  Returns <literal>0</literal> if playback completes without a digit being pressed, or the ASCII numerical value of the digit if one was pressed or <literal>-1</literal> on error/hangup."),
            Map.entry("SET CALLERID",
                    "Changes the callerid of the current channel."),
            Map.entry("SET CONTEXT",
                    "Sets the context for continuation upon exiting the application."),
            Map.entry("SET EXTENSION",
                    "Changes the extension for continuation upon exiting the application."),
            Map.entry("SET MUSIC",
                    "Enables/Disables the music on hold generator. If <replaceable>class</replaceable> is not specified, then the <literal>default</literal> music on hold class will be used. This generator will be stopped automatically when playing a file.\nAlways returns <literal>0</literal>."),
            Map.entry("SET PRIORITY",
                    "Changes the priority for continuation upon exiting the application. The priority must be a valid priority or label."),
            Map.entry("SET VARIABLE",
                    "Sets a variable to the current channel."),
            Map.entry("STREAM FILE",
                    "Send the given file, allowing playback to be interrupted by the given digits, if any. Returns <literal>0</literal> if playback completes without a digit being pressed, or the ASCII numerical value of the digit if one was pressed, or <literal>-1</literal> on error or if the channel was disconnected. If musiconhold is playing before calling stream file it will be automatically stopped and will not be restarted after completion.\nIt sets the following channel variables upon completion:\n<variable>PLAYBACKSTATUS</variable>: The status of the playback attempt as a text string.\n    <value>SUCCESS</value>\n    <value>FAILED</value>"),
            Map.entry("VERBOSE",
                    "Sends <replaceable>message</replaceable> to the console via verbose message system. <replaceable>level</replaceable> is the verbose level (1-4). Always returns <literal>1</literal>"),
            Map.entry("WAIT FOR DIGIT",
                    "Waits up to <replaceable>timeout</replaceable> milliseconds for channel to receive a DTMF digit. Returns <literal>-1</literal> on channel failure, <literal>0</literal> if no digit is received in the timeout, or the numerical value of the ascii of the digit if one is received. Use <literal>-1</literal> for the <replaceable>timeout</replaceable> value if you desire the call to block indefinitely."));

    private AgiUsage() {
    }

    /** The usage text of a command, by its upper-case words ({@code "GET DATA"}). */
    static Optional<String> of(String verb) {
        return Optional.ofNullable(USAGE.get(verb));
    }
}
