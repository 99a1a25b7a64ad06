package org.rappel.store;

import java.sql.Connection;
import java.sql.SQLException;

/** How the store runs its units of work: writes in a committed transaction, reads on any connection. */
interface Transactions extends AutoCloseable {

    /** One unit of work on one connection; may run inside a larger transaction (group commit). */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} and returns only once it is committed; throws {@link StoreException} otherwise. */
    <T> T write(Work<T> work);

    <T> T read(Work<T> work);

    @Override
    void close();
}
