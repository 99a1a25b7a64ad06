package org.rappel.e2e.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The crash test's judgement on hand-made store contents, so that each of its checks is seen to fail. */
class VerdictTest {

    private static StoreSnapshot.Callback row(String id, String number, String state, long created, long updated) {
        return new StoreSnapshot.Callback(id, "prestations", number, "PHONE", state, 0, created, updated, "");
    }

    private static Promise phone(String number) {
        return new Promise(number, "prestations", Optional.empty(), "phone", 1);
    }

    @Test
    void unkeptPromises_missingOrFailed_areFaults() {
        StoreSnapshot store = new StoreSnapshot(List.of(row("a", "+33611000001", "PENDING", 1, 1),
                row("b", "+33611000002", "DONE", 1, 5), row("c", "+33611000003", "FAILED", 1, 5)), List.of());
        List<Promise> promises = List.of(phone("+33611000001"), phone("+33611000002"), phone("+33611000003"),
                phone("+33611000004"), new Promise("+33611000009", "prestations", Optional.of("b"), "web", 2));

        assertThat(Verdict.unkeptPromises(promises, store, StoreSnapshot.KEPT))
                .containsExactly("phone promise to …0003 for prestations (run 1) is [FAILED], expected one of "
                                + StoreSnapshot.KEPT,
                        "phone promise to …0004 for prestations (run 1) is not in the store, expected one of "
                                + StoreSnapshot.KEPT);
        assertThat(Verdict.unkeptPromises(promises.subList(0, 1), store, List.of("DONE"))).hasSize(1);
    }

    @Test
    void duplicates_twoLiveForOnePair_isAFault_aNewOneAfterTheFirstClosed_isNot() {
        StoreSnapshot doubled = new StoreSnapshot(List.of(row("a", "+33611000001", "PENDING", 1, 1),
                row("b", "+33611000001", "DONE", 2, 9)), List.of());
        StoreSnapshot again = new StoreSnapshot(List.of(row("a", "+33611000001", "DONE", 1, 3),
                row("b", "+33611000001", "PENDING", 4, 4)), List.of());

        assertThat(Verdict.duplicates(doubled)).singleElement().asString().contains("two callbacks for …0001");
        assertThat(Verdict.duplicates(again)).isEmpty();
    }

    @Test
    void doneWithoutAnswer_storeAndAsteriskDisagree_isAFault() {
        StoreSnapshot store = new StoreSnapshot(List.of(row("a", "+33611000001", "DONE", 1, 3),
                row("b", "+33611000002", "DONE", 1, 3)), List.of());
        OriginateLog dials = OriginateLog.of(List.of(
                Map.of("Event", "VarSet", "Channel", "Local/x-1;1", "Variable", "RAPPEL_CALLBACK_ID", "Value", "a"),
                Map.of("Event", "OriginateResponse", "Channel", "Local/x-1;1", "Reason", "4")), channel -> true, id -> false);

        assertThat(Verdict.doneWithoutAnswer(store, dials)).singleElement().asString().contains("callback b");
    }
}
