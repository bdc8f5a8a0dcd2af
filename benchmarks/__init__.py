"""Performance checks run by `make bench`: each prints a ratio against a baseline measured in the
same run, never an assertion on wall-clock time."""
