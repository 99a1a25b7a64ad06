package org.rappel.agi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment Asterisk sends when it opens a FastAGI connection: the {@code agi_*} lines up to the
 * first empty line, decoded. Values Asterisk reports as {@code unknown} are {@link Optional#empty()}.
 *
 * @param script     the path of the AGI URL without the leading slash and without the query string,
 *                   e.g. {@code hotline} for {@code agi://host:4573/hotline?x=1}
 * @param query      the query string parameters of the AGI URL ({@code callback?id=44} gives {@code id=44})
 * @param arguments  {@code agi_arg_1} … {@code agi_arg_N}, in order
 * @param environment every {@code agi_*} line as received, key without the {@code agi_} prefix
 */
public record AgiRequest(
        String script,
        Map<String, String> query,
        List<String> arguments,
        String channel,
        String uniqueId,
        Optional<String> callerId,
        Optional<String> callerIdName,
        Optional<String> dnid,
        String language,
        String context,
        String extension,
        int priority,
        String accountCode,
        String version,
        Map<String, String> environment) {

    public AgiRequest {
        query = Map.copyOf(query);
        arguments = List.copyOf(arguments);
        environment = Map.copyOf(environment);
    }
}
