package io.tributary.broker.cluster;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.api.Responses;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;

/**
 * DescribeCluster (KIP-700): cluster id, controller and the live brokers, as the admin client's describeCluster
 * sees them; fenced brokers too, flagged, when a v2 request asks for them (KIP-1073).
 */
public final class DescribeClusterHandler implements ApiHandler<DescribeClusterRequest> {

    private static final byte BROKER_ENDPOINT_TYPE = 1;

    private final ClusterView cluster;
    private final RequestAuthorizer authorizer;

    public DescribeClusterHandler(ClusterView cluster) {
        this(cluster, RequestAuthorizer.NONE);
    }

    public DescribeClusterHandler(ClusterView cluster, RequestAuthorizer authorizer) {
        this.cluster = cluster;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeClusterRequest request) {
        DescribeClusterResponseData data = new DescribeClusterResponseData()
                .setEndpointType(BROKER_ENDPOINT_TYPE)
                .setClusterId(cluster.clusterId())
                .setControllerId(cluster.controllerId())
                .setClusterAuthorizedOperations(AuthorizedOperations.cluster(context, authorizer,
                        request.data().includeClusterAuthorizedOperations()));
        if (context.apiVersion() >= 1 && request.data().endpointType() != BROKER_ENDPOINT_TYPE) {
            return Responses.completed(new DescribeClusterResponse(data
                    .setErrorCode(Errors.UNSUPPORTED_ENDPOINT_TYPE.code())
                    .setErrorMessage("The request was sent to an endpoint of type BROKER, but we wanted an endpoint"
                            + " of type " + request.data().endpointType())));
        }
        addBrokers(data, cluster.aliveBrokers(context.listenerName()), false);
        if (context.apiVersion() >= 2 && request.data().includeFencedBrokers()) {
            addBrokers(data, cluster.fencedBrokers(context.listenerName()), true);
        }
        return Responses.completed(new DescribeClusterResponse(data));
    }

    private static void addBrokers(DescribeClusterResponseData data, List<Node> nodes, boolean fenced) {
        for (Node node : nodes) {
            data.brokers().add(new DescribeClusterBroker()
                    .setBrokerId(node.id())
                    .setHost(node.host())
                    .setPort(node.port())
                    .setRack(node.rack())
                    .setIsFenced(fenced));
        }
    }
}
