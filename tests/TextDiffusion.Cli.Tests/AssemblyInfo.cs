// td sets TD_PROFILE and reads TEXTDIFFUSION_DATA, which are process-wide: run these tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
