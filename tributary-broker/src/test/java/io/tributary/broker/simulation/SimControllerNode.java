package io.tributary.broker.simulation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

import io.tributary.metadata.ControllerConfig;
import io.tributary.metadata.ControllerExecutors;
import io.tributary.metadata.MetadataController;

/**
 * A controller voter of the simulation: the real {@link MetadataController} (operations, timers, session expiry,
 * elections, the applier building its own image) over the modelled quorum's log, its two threads replaced by
 * executors of the simulated clock. A crash drops the process; a restart builds a new controller that replays the
 * whole committed log, as a node restarting from its Raft log does.
 */
final class SimControllerNode {

    private final int id;
    private final String clusterId;
    private final Map<String, String> staticConfig;
    private final EventLoop loop;
    private final SimNetwork network;
    private final SimQuorum quorum;
    private final CpuTimes cpu;
    private MetadataController controller;
    private SimExecutor controllerThread;
    private SimExecutor applyThread;

    SimControllerNode(int id, String clusterId, Map<String, String> staticConfig, EventLoop loop, SimNetwork network,
                      SimQuorum quorum, CpuTimes cpu) {
        this.id = id;
        this.clusterId = clusterId;
        this.staticConfig = staticConfig;
        this.loop = loop;
        this.network = network;
        this.quorum = quorum;
        this.cpu = cpu;
    }

    int id() {
        return id;
    }

    boolean isUp() {
        return controller != null;
    }

    MetadataController controller() {
        return controller;
    }

    void start() {
        network.start(id);
        controllerThread = new SimExecutor(loop, true);
        applyThread = new SimExecutor(loop, true);
        ControllerExecutors executors = new ControllerExecutors() {
            @Override
            public ScheduledExecutorService controllerThread(int nodeId) {
                return controllerThread;
            }

            @Override
            public ExecutorService applyThread(int nodeId) {
                return applyThread;
            }
        };
        ControllerConfig config = new ControllerConfig(id, clusterId, staticConfig, List.of(), null);
        long startNs = System.nanoTime();
        controller = new MetadataController(config, quorum.openLog(id), loop.clock(), executors);
        controller.start();
        cpu.record("controller start (replay of the committed log)", System.nanoTime() - startNs);
    }

    void crash() {
        network.crash(id);
        controllerThread.kill();
        applyThread.kill();
        quorum.voterCrashed(id);
        controller = null;
    }

    CompletionStage<AbstractResponse> handle(AbstractRequest request) {
        if (controller == null) {
            return CompletableFuture.failedFuture(new NotControllerException("Node " + id + " is down"));
        }
        long startNs = System.nanoTime();
        CompletionStage<AbstractResponse> result = controller.handle(request);
        cpu.record(request.apiKey().name, System.nanoTime() - startNs);
        return result;
    }
}
