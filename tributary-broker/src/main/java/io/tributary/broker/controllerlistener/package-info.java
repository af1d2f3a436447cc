/**
 * The handlers only a controller listener has: DescribeCluster with the controllers' endpoints (KIP-919) and the
 * fetch of the committed metadata log by broker-only nodes. {@code broker.ControllerListenerApis} routes them
 * with the controller APIs.
 */
package io.tributary.broker.controllerlistener;
