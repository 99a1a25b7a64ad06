package org.rappel.callback;

import java.util.Objects;

/** The verdict of the {@link CallbackNumberPolicy} on a number the citizen gave. */
public sealed interface NumberCheck {

    /** The number may be called back; {@code e164} is its canonical form ({@code +33612345678}). */
    record Accepted(String e164) implements NumberCheck {
        public Accepted {
            Objects.requireNonNull(e164, "e164");
        }
    }

    record Refused(NumberRefusal reason) implements NumberCheck {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
