package io.tributary.metadata.config;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts "*" or a list of "partition:broker" pairs, as the replication throttle configs expect. */
final class ThrottledReplicaListValidator implements ConfigDef.Validator {

    static final ThrottledReplicaListValidator INSTANCE = new ThrottledReplicaListValidator();

    @Override
    public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) value;
        boolean wildcardAlone = entries.size() == 1 && entries.get(0).trim().equals("*");
        boolean allPairs = entries.stream().allMatch(e -> e.trim().matches("([0-9]+:[0-9]+)?"));
        if (!wildcardAlone && !allPairs) {
            throw new ConfigException(name, value, name + " must be the literal '*' or a list of replicas in the "
                + "following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...");
        }
    }

    @Override
    public String toString() {
        return "[partitionId]:[brokerId],[partitionId]:[brokerId],...";
    }
}
