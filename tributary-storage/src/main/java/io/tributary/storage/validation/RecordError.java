package io.tributary.storage.validation;

/**
 * One refused record of a produced batch, as KIP-467's record_errors carry it: the record's index in its batch and
 * why it was refused.
 */
public record RecordError(int batchIndex, String message) {
}
