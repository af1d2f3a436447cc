package io.tributary.broker.cluster;

import io.tributary.broker.ApiHandler;
import io.tributary.broker.Responses;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;

/** DescribeCluster (KIP-700): cluster id, controller and brokers, as the admin client's describeCluster sees them. */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequest> {

    private static final byte BROKER_ENDPOINT_TYPE = 1;

    private final ClusterView cluster;

    public DescribeClusterHandler(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeClusterRequest request) {
        DescribeClusterResponseData data = new DescribeClusterResponseData()
                .setEndpointType(BROKER_ENDPOINT_TYPE)
                .setClusterId(cluster.clusterId())
                .setControllerId(cluster.controllerId())
                .setClusterAuthorizedOperations(request.data().includeClusterAuthorizedOperations()
                        ? AuthorizedOperations.CLUSTER : AuthorizedOperations.NOT_REQUESTED);
        if (context.apiVersion() >= 1 && request.data().endpointType() != BROKER_ENDPOINT_TYPE) {
            return Responses.completed(new DescribeClusterResponse(data
                    .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("The request was sent to an endpoint of type BROKER, but we wanted an endpoint"
                            + " of type " + request.data().endpointType())));
        }
        for (Node node : cluster.aliveBrokers(context.listenerName())) {
            data.brokers().add(new DescribeClusterBroker()
                    .setBrokerId(node.id())
                    .setHost(node.host())
                    .setPort(node.port())
                    .setRack(node.rack())
                    .setIsFenced(false));
        }
        return Responses.completed(new DescribeClusterResponse(data));
    }
}
