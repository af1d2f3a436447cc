package io.tributary.metadata;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.AddRaftVoterRequest;
import org.apache.kafka.common.requests.AddRaftVoterResponse;
import org.apache.kafka.common.requests.RemoveRaftVoterRequest;
import org.apache.kafka.common.requests.RemoveRaftVoterResponse;
import org.apache.kafka.common.requests.AllocateProducerIdsRequest;
import org.apache.kafka.common.requests.AssignReplicasToDirsRequest;
import org.apache.kafka.common.requests.AssignReplicasToDirsResponse;
import org.apache.kafka.common.requests.AllocateProducerIdsResponse;
import org.apache.kafka.common.requests.AlterClientQuotasRequest;
import org.apache.kafka.common.requests.AlterClientQuotasResponse;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.AlterPartitionReassignmentsResponse;
import org.apache.kafka.common.requests.AlterPartitionRequest;
import org.apache.kafka.common.requests.AlterPartitionResponse;
import org.apache.kafka.common.requests.BrokerHeartbeatRequest;
import org.apache.kafka.common.requests.BrokerHeartbeatResponse;
import org.apache.kafka.common.requests.BrokerRegistrationRequest;
import org.apache.kafka.common.requests.BrokerRegistrationResponse;
import org.apache.kafka.common.requests.CreateAclsRequest;
import org.apache.kafka.common.requests.CreateAclsResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.DeleteAclsRequest;
import org.apache.kafka.common.requests.DeleteAclsResponse;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.requests.DescribeQuorumRequest;
import org.apache.kafka.common.requests.DescribeQuorumResponse;
import org.apache.kafka.common.requests.ElectLeadersRequest;
import org.apache.kafka.common.requests.ElectLeadersResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsRequest;
import org.apache.kafka.common.requests.AlterUserScramCredentialsRequest;
import org.apache.kafka.common.requests.AlterUserScramCredentialsResponse;
import org.apache.kafka.common.requests.IncrementalAlterConfigsResponse;
import org.apache.kafka.common.requests.ListPartitionReassignmentsRequest;
import org.apache.kafka.common.requests.ListPartitionReassignmentsResponse;
import org.apache.kafka.common.requests.UnregisterBrokerRequest;
import org.apache.kafka.common.requests.UpdateFeaturesRequest;
import org.apache.kafka.common.requests.UpdateFeaturesResponse;
import org.apache.kafka.common.requests.UnregisterBrokerResponse;

/**
 * Dispatches the controller's Kafka requests to its {@link ControllerOperations} and wraps the answer in the
 * response class; the network layer writes it at the request's version. Throttle times are 0.
 */
final class ControllerRequestHandler {

    private final ControllerOperations operations;

    ControllerRequestHandler(ControllerOperations operations) {
        this.operations = operations;
    }

    CompletionStage<AbstractResponse> handle(AbstractRequest request) {
        if (request instanceof CreateTopicsRequest r) {
            return operations.createTopics(r.data()).thenApply(CreateTopicsResponse::new);
        } else if (request instanceof DeleteTopicsRequest r) {
            return operations.deleteTopics(r.data(), r.version()).thenApply(DeleteTopicsResponse::new);
        } else if (request instanceof CreatePartitionsRequest r) {
            return operations.createPartitions(r.data()).thenApply(CreatePartitionsResponse::new);
        } else if (request instanceof AlterConfigsRequest r) {
            return operations.legacyAlterConfigs(r.data()).thenApply(AlterConfigsResponse::new);
        } else if (request instanceof IncrementalAlterConfigsRequest r) {
            return operations.incrementalAlterConfigs(r.data()).thenApply(IncrementalAlterConfigsResponse::new);
        } else if (request instanceof AlterClientQuotasRequest r) {
            return operations.alterClientQuotas(r.data()).thenApply(AlterClientQuotasResponse::new);
        } else if (request instanceof ElectLeadersRequest r) {
            return operations.electLeaders(r.data()).thenApply(ElectLeadersResponse::new);
        } else if (request instanceof AlterPartitionReassignmentsRequest r) {
            return operations.alterPartitionReassignments(r.data()).thenApply(AlterPartitionReassignmentsResponse::new);
        } else if (request instanceof ListPartitionReassignmentsRequest r) {
            return operations.listPartitionReassignments(r.data()).thenApply(ListPartitionReassignmentsResponse::new);
        } else if (request instanceof DescribeQuorumRequest r) {
            return operations.describeQuorum(r.data()).thenApply(DescribeQuorumResponse::new);
        } else if (request instanceof BrokerRegistrationRequest r) {
            return operations.registerBroker(r.data()).thenApply(BrokerRegistrationResponse::new);
        } else if (request instanceof BrokerHeartbeatRequest r) {
            return operations.brokerHeartbeat(r.data()).thenApply(BrokerHeartbeatResponse::new);
        } else if (request instanceof AlterPartitionRequest r) {
            return operations.alterPartition(r.data()).thenApply(AlterPartitionResponse::new);
        } else if (request instanceof CreateAclsRequest r) {
            return operations.createAcls(r.data()).thenApply(CreateAclsResponse::new);
        } else if (request instanceof DeleteAclsRequest r) {
            short version = r.version();
            return operations.deleteAcls(r.filters()).thenApply(data -> new DeleteAclsResponse(data, version));
        } else if (request instanceof AssignReplicasToDirsRequest r) {
            return operations.assignReplicasToDirs(r.data()).thenApply(AssignReplicasToDirsResponse::new);
        } else if (request instanceof AlterUserScramCredentialsRequest r) {
            return operations.alterUserScramCredentials(r.data()).thenApply(AlterUserScramCredentialsResponse::new);
        } else if (request instanceof UpdateFeaturesRequest r) {
            return operations.updateFeatures(r.data(), r.version()).thenApply(UpdateFeaturesResponse::new);
        } else if (request instanceof UnregisterBrokerRequest r) {
            return operations.unregisterBroker(r.data()).thenApply(UnregisterBrokerResponse::new);
        } else if (request instanceof AddRaftVoterRequest r) {
            return operations.addRaftVoter(r.data()).thenApply(AddRaftVoterResponse::new);
        } else if (request instanceof RemoveRaftVoterRequest r) {
            return operations.removeRaftVoter(r.data()).thenApply(RemoveRaftVoterResponse::new);
        } else if (request instanceof AllocateProducerIdsRequest r) {
            return operations.allocateProducerIds(r.data()).thenApply(AllocateProducerIdsResponse::new);
        }
        return CompletableFuture.failedFuture(new UnsupportedVersionException(
            "The controller does not handle " + request.apiKey()));
    }
}
