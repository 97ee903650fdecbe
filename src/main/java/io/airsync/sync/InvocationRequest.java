package io.airsync.sync;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What one invocation asks for, whatever envelope it came in.
 *
 * @param tables      the tables to sync, in mapping order; empty means all
 * @param dryRun      plan everything, write nothing
 * @param reconcile   read Airtable back and repair records edited by hand
 * @param continueRun the run ID of a checkpointed run to go on with (sent by the function to itself)
 * @param trigger     who asked: operator, schedule, scheduled-event, continuation
 */
@RegisterForReflection
public record InvocationRequest(List<String> tables, boolean dryRun, boolean reconcile, String continueRun, String trigger) {
}
