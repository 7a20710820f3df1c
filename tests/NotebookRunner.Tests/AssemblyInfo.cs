// The runner redirects Console and changes the current directory, which are process-wide: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
