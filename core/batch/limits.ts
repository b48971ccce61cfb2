/**
 * Default per-batch limits of the safe batches (settings.safeBatches.limits). SHOP DEFAULTS,
 * not platform rules: neither the seeds nor the back-office notes give the platform's batch
 * limit for 批量同意退款; set them to what the platform's page allows. Zod-free: the side panel
 * reads it.
 */
export const DEFAULT_BATCH_LIMITS = {
  tmall: { count: 30, yuan: 10_000 },
  taobao: { count: 20, yuan: 6_000 },
} as const;
