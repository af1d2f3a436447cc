package io.tributary.storage.flush;

import java.io.IOException;

/** Something the group-commit flusher can fsync: a partition log. */
public interface FlushTarget {

    /** Offset up to which (exclusive) data is durable. */
    long flushedOffset();

    /** Fsyncs everything appended so far. */
    void flush() throws IOException;
}
