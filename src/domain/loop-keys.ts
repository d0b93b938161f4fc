/**
 * Write-ledger keys of the sweep's comments on a sense issue: one reminder and one escalation per
 * due date. The sweep writes them and the hypothesis timeline reads them back, so they are
 * spelt in one place.
 */
export const reminderKey = (itemId: number, dueAt: Date) => `reminder:${itemId}:${dueAt.toISOString()}`;
export const escalationKey = (itemId: number, dueAt: Date) => `escalation:${itemId}:${dueAt.toISOString()}`;
