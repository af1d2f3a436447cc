package io.tributary.broker.controller;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Where the controller channel reaches a given controller with the Kafka protocol. */
@FunctionalInterface
public interface ControllerEndpoints {

    /** The address of controller {@code controllerId}, if known yet. */
    Optional<InetSocketAddress> addressOf(int controllerId);
}
