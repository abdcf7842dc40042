"""The benchmark harness: generated data at scale, benchmark settings/URLs and `make bench`."""
