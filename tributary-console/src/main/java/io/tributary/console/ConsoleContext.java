package io.tributary.console;

import io.tributary.console.broker.AccessControl;
import io.tributary.console.broker.LocalLogs;
import io.tributary.console.broker.NodeRates;

/** What the console is given by the broker that serves it. */
public record ConsoleContext(int nodeId, ConsoleSettings settings, LocalLogs localLogs, AccessControl access,
                             NodeRates rates) {
}
