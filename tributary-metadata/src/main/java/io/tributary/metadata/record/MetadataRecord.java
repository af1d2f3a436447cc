package io.tributary.metadata.record;

/**
 * One change to cluster metadata. Records are the unit of the metadata log: the controller produces them, the
 * log persists them, and replaying them in order rebuilds the image.
 */
public sealed interface MetadataRecord
    permits RegisterBrokerRecord, TopicRecord, PartitionRecord, PartitionChangeRecord, RemoveTopicRecord, ConfigRecord,
    BrokerStateRecord, ProducerIdsRecord, LeaderChangeRecord, UserScramCredentialRecord,
    RemoveUserScramCredentialRecord, ClientQuotaRecord, AccessControlEntryRecord, RemoveAccessControlEntryRecord,
    UnregisterBrokerRecord, FeatureLevelRecord {
}
