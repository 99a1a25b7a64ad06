package org.rappel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Turns rows into records and records into parameters; the same for both dialects. Stateless, thread-safe. */
final class CallbackRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> CONTEXT = new TypeReference<>() {
    };

    private CallbackRows() {
    }

    static CallbackRequest request(ResultSet row) throws SQLException {
        return new CallbackRequest(
                UUID.fromString(row.getString("id")),
                row.getString("service"),
                row.getString("number"),
                row.getString("calling_line"),
                Instant.ofEpochMilli(row.getLong("virtual_arrival_ms")),
                row.getInt("priority"),
                row.getString("language"),
                context(row.getString("ivr_context")),
                ChannelOrigin.valueOf(row.getString("origin")),
                optionalInstant(row, "requested_slot_ms"),
                CallbackState.valueOf(row.getString("state")),
                row.getInt("attempts"),
                Instant.ofEpochMilli(row.getLong("next_attempt_ms")),
                Optional.ofNullable(row.getString("claimed_by")).map(NodeId::new),
                optionalInstant(row, "lease_until_ms"));
    }

    static List<CallbackRequest> requests(ResultSet rows) throws SQLException {
        List<CallbackRequest> list = new ArrayList<>();
        while (rows.next()) {
            list.add(request(rows));
        }
        return list;
    }

    static CallbackAttempt attempt(ResultSet row) throws SQLException {
        return new CallbackAttempt(
                UUID.fromString(row.getString("callback_id")),
                row.getInt("attempt_no"),
                Instant.ofEpochMilli(row.getLong("started_ms")),
                Instant.ofEpochMilli(row.getLong("ended_ms")),
                AttemptOutcome.valueOf(row.getString("outcome")),
                row.getString("reason"));
    }

    static String json(Map<String, String> context) {
        try {
            return JSON.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("IVR context cannot be written as JSON", e);
        }
    }

    static void setOptionalMillis(PreparedStatement statement, int index, Optional<Instant> time) throws SQLException {
        if (time.isPresent()) {
            statement.setLong(index, time.get().toEpochMilli());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static Map<String, String> context(String json) throws SQLException {
        try {
            return JSON.readValue(json, CONTEXT);
        } catch (JsonProcessingException e) {
            throw new SQLException("ivr_context is not a JSON object of strings", e);
        }
    }

    private static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
