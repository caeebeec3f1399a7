"""Benchmarks of the guide: ``python -m benchmarks.grpc_perf`` measures, ``benchmarks.report`` renders."""
