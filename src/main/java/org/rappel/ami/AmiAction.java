package org.rappel.ami;

import java.util.List;

/**
 * A request to Asterisk's manager: {@code Action: <name>} and its fields. The connection adds the
 * {@code ActionID}; an action never carries one itself.
 */
public sealed interface AmiAction
        permits LoginAction, LogoffAction, PingAction, OriginateAction, RedirectAction, HangupAction, CommandAction,
        CoreShowChannelsAction, GenericAction {

    /** The {@code Action:} value, e.g. {@code Originate}. */
    String name();

    /** The headers after {@code Action:}, in the order they are sent. */
    List<AmiHeader> fields();
}
