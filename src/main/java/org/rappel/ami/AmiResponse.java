package org.rappel.ami;

import java.util.List;
import java.util.Optional;

/**
 * The answer to one action: {@code Response: Success|Error|Goodbye|Follows}, with its {@code ActionID} and
 * whatever else the action returns ({@code Message}, {@code Ping}, {@code Output}…).
 */
public record AmiResponse(AmiHeaders headers) implements AmiMessage {

    public AmiResponse {
        headers.require("Response");
    }

    /** {@code Success}, {@code Error}, {@code Goodbye}… */
    public String response() {
        return headers.require("Response");
    }

    public boolean isSuccess() {
        return response().equalsIgnoreCase("Success");
    }

    public boolean isError() {
        return response().equalsIgnoreCase("Error");
    }

    public Optional<String> message() {
        return headers.first("Message");
    }

    /** The {@code Output:} lines of a {@code Command} action, in order. */
    public List<String> output() {
        return headers.all("Output");
    }
}
