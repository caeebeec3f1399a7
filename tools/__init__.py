"""Commands of ./dev that are not the test suite: the version matrix, verify, soak, benchmarks, abuse."""
