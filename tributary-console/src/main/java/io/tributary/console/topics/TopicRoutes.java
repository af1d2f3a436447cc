package io.tributary.console.topics;

import static io.tributary.console.http.AdminFutures.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.console.http.AdminFutures;
import io.tributary.console.http.HttpError;
import io.tributary.console.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The topic calls: list, create, delete, add partitions, describe, and change configs. All go through the session's
 * Admin client, so the broker applies the user's ACLs; its refusals become HTTP errors with Kafka's error names.
 */
public final class TopicRoutes {

    /** How long a config change may take to show in this node's DescribeConfigs (its metadata image catching up). */
    private static final long CONFIG_VISIBLE_WAIT_MS = 3_000;

    private TopicRoutes() {
    }

    public static void register(Router router) {
        router.get("/topics", request -> TopicList.list(request.admin(), request.query("filter", ""),
                Boolean.parseBoolean(request.query("internal", "false"))));
        router.post("/topics", request -> create(request.admin(), request.body()));
        router.get("/topics/{topic}", request -> TopicDetails.describe(request.admin(), request.path("topic")));
        router.delete("/topics/{topic}", request -> {
            String topic = request.path("topic");
            await(request.admin().deleteTopics(List.of(topic),
                    new DeleteTopicsOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).all());
            return Map.of("deleted", topic);
        });
        router.post("/topics/{topic}/partitions", request -> {
            String topic = request.path("topic");
            int count = TopicRequests.requiredWholeNumber(request.body(), "count", 1, Integer.MAX_VALUE);
            await(request.admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(count)),
                    new CreatePartitionsOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).all());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", topic);
            out.put("partitions", count);
            return out;
        });
        router.put("/topics/{topic}/configs", request -> alterConfigs(request.admin(), request.path("topic"),
                request.body()));
    }

    private static Map<String, Object> create(Admin admin, JsonNode body) throws Exception {
        String name = TopicRequests.topicName(body);
        Optional<Integer> partitions = TopicRequests.wholeNumber(body, "partitions", 1, Integer.MAX_VALUE);
        Optional<Short> replicationFactor = TopicRequests.wholeNumber(body, "replicationFactor", 1, Short.MAX_VALUE)
                .map(Integer::shortValue);
        NewTopic topic = new NewTopic(name, partitions, replicationFactor)
                .configs(TopicRequests.configs(body, "configs"));
        CreateTopicsResult result = admin.createTopics(List.of(topic),
                new CreateTopicsOptions().timeoutMs(AdminFutures.TIMEOUT_MS));
        await(result.all());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("topicId", String.valueOf(await(result.topicId(name))));
        return out;
    }

    private static Map<String, Object> alterConfigs(Admin admin, String topic, JsonNode body) throws Exception {
        Map<String, String> set = TopicRequests.configs(body, "set");
        List<String> delete = TopicRequests.names(body, "delete");
        if (set.isEmpty() && delete.isEmpty()) {
            throw HttpError.badRequest("Nothing to change: give set {name: value} and/or delete [name]");
        }
        List<AlterConfigOp> ops = new ArrayList<>();
        set.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
        for (String name : delete) {
            if (set.containsKey(name)) {
                throw HttpError.badRequest(name + " is both set and deleted");
            }
            ops.add(new AlterConfigOp(new ConfigEntry(name, null), AlterConfigOp.OpType.DELETE));
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        await(admin.incrementalAlterConfigs(Map.of(resource, ops),
                new AlterConfigsOptions().timeoutMs(AdminFutures.TIMEOUT_MS)).all());
        awaitVisible(admin, topic, set, delete);
        return TopicDetails.describe(admin, topic);
    }

    /**
     * The controller has committed the change, but the node answering DescribeConfigs may apply it a moment later:
     * wait briefly so the page shows what was just saved. Past the wait the answer shows the node's current view.
     */
    private static void awaitVisible(Admin admin, String topic, Map<String, String> set, List<String> delete)
            throws Exception {
        long deadline = System.currentTimeMillis() + CONFIG_VISIBLE_WAIT_MS;
        while (System.currentTimeMillis() < deadline) {
            Config config = await(TopicDetails.configs(admin, topic));
            boolean visible = set.entrySet().stream().allMatch(e -> {
                ConfigEntry entry = config.get(e.getKey());
                return entry != null && (entry.isSensitive() || Objects.equals(entry.value(), e.getValue()));
            }) && delete.stream().allMatch(name -> {
                ConfigEntry entry = config.get(name);
                return entry == null || entry.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
            });
            if (visible) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
