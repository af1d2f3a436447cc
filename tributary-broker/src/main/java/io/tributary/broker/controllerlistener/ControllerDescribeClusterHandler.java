package io.tributary.broker.controllerlistener;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.controller.LocalController;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;

/**
 * DescribeCluster on a controller listener (KIP-919): the controllers as the nodes, the active one as controller,
 * which is how an Admin client with {@code bootstrap.controllers} finds where to send its requests.
 */
public final class ControllerDescribeClusterHandler implements ApiHandler<DescribeClusterRequest> {

    private static final byte CONTROLLER_ENDPOINT_TYPE = 2;

    private final LocalController controller;
    private final Supplier<Map<Integer, InetSocketAddress>> voters;

    /** @param voters the voters of the newest Raft configuration, which KIP-853 changes may have changed */
    public ControllerDescribeClusterHandler(LocalController controller,
                                            Supplier<Map<Integer, InetSocketAddress>> voters) {
        this.controller = controller;
        this.voters = voters;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeClusterRequest request) {
        DescribeClusterResponseData data = new DescribeClusterResponseData()
                .setEndpointType(CONTROLLER_ENDPOINT_TYPE)
                .setClusterId(controller.image().clusterId())
                .setControllerId(controller.activeControllerId().orElse(-1));
        if (request.data().endpointType() != CONTROLLER_ENDPOINT_TYPE) {
            return Responses.completed(new DescribeClusterResponse(data
                    .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("The request was sent to an endpoint of type CONTROLLER, but we wanted an "
                            + "endpoint of type " + request.data().endpointType())));
        }
        voters.get().forEach((id, address) -> data.brokers().add(new DescribeClusterBroker()
                .setBrokerId(id)
                .setHost(address.getHostString())
                .setPort(address.getPort())));
        return Responses.completed(new DescribeClusterResponse(data));
    }
}
