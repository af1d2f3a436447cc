/**
 * A broker-only node's metadata log: it follows the controllers' committed metadata log without voting (a Raft
 * observer, in KRaft's words) by fetching it over their controller listener.
 */
package io.tributary.server.observer;
