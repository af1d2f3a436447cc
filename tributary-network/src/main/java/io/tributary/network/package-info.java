/**
 * The Kafka-protocol socket server. {@link io.tributary.network.NettyServer} accepts connections on each
 * {@link io.tributary.network.Endpoint}, splits the byte stream into size-prefixed frames, parses each into a Kafka
 * request and hands it to the broker's {@link io.tributary.network.RequestHandler}. Responses are written strictly in
 * request order per connection, record sets without copies ({@link io.tributary.network.FileRegionRecords} via
 * sendfile). Everything except the public API types is package-private.
 */
package io.tributary.network;
