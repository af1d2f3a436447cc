package io.tributary.broker.logdirs;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeLogDirsRequest;
import org.apache.kafka.common.requests.DescribeLogDirsResponse;

/**
 * DescribeLogDirs (kafka-log-dirs, Admin.describeLogDirs): each log dir of this broker with the size of every
 * partition in it, and the volume's total and usable bytes. There are no future (moving) replicas here, so
 * every offset lag is 0.
 */
public final class DescribeLogDirsHandler implements ApiHandler<DescribeLogDirsRequest> {

    private final List<Path> logDirs;
    private final PartitionManager partitions;

    public DescribeLogDirsHandler(List<Path> logDirs, PartitionManager partitions) {
        this.logDirs = List.copyOf(logDirs);
        this.partitions = partitions;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeLogDirsRequest request) {
        Map<Path, Map<String, DescribeLogDirsTopic>> byDir = new LinkedHashMap<>();
        logDirs.forEach(dir -> byDir.put(dir, new LinkedHashMap<>()));
        Set<Path> offline = partitions.offlineLogDirs();
        for (Partition partition : partitions.all()) {
            TopicPartition tp = partition.topicPartition();
            Path dir = partition.logDir();
            Map<String, DescribeLogDirsTopic> topics = byDir.get(dir);
            if (topics == null || offline.contains(dir) || !requested(request.data(), tp)) {
                continue;
            }
            topics.computeIfAbsent(tp.topic(), name -> new DescribeLogDirsTopic().setName(name))
                    .partitions().add(new DescribeLogDirsPartition()
                            .setPartitionIndex(tp.partition())
                            .setPartitionSize(partition.sizeInBytes())
                            .setOffsetLag(0)
                            .setIsFutureKey(false));
        }
        DescribeLogDirsResponseData data = new DescribeLogDirsResponseData();
        byDir.forEach((dir, topics) -> data.results().add(offline.contains(dir)
                ? new DescribeLogDirsResult().setLogDir(dir.toString()).setErrorCode(Errors.KAFKA_STORAGE_ERROR.code())
                : describe(dir, topics)));
        return Responses.completed(new DescribeLogDirsResponse(data));
    }

    private static DescribeLogDirsResult describe(Path dir, Map<String, DescribeLogDirsTopic> topics) {
        DescribeLogDirsResult result = new DescribeLogDirsResult()
                .setLogDir(dir.toString())
                .setTopics(new java.util.ArrayList<>(topics.values()));
        try {
            FileStore store = Files.getFileStore(dir);
            return result.setTotalBytes(store.getTotalSpace()).setUsableBytes(store.getUsableSpace());
        } catch (IOException e) {
            return result.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
        }
    }

    private static boolean requested(DescribeLogDirsRequestData data, TopicPartition tp) {
        if (data.topics() == null) {
            return true;
        }
        DescribeLogDirsRequestData.DescribableLogDirTopic topic = data.topics().find(tp.topic());
        return topic != null && topic.partitions().contains(tp.partition());
    }
}
