package io.airsync.state;

/**
 * One place state lives (a DynamoDB table, or a local folder) serving all three stores. Not a bean itself:
 * {@link StateStoreProducer} exposes each store as its own bean so code asks only for what it uses.
 */
public interface StateBackend extends TableStateStore, CheckpointStore, RunLockStore {
}
