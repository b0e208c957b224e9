// Pulumi deployments are process-wide: mock tests must run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
