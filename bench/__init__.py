"""Benchmarks (`make bench`): each bench/<name>.py module has a main()."""
