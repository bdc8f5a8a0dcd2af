"""`make bench`: run every benchmark and print its figures."""

from __future__ import annotations

from benchmarks import (
    bench_animate,
    bench_claims,
    bench_dashboard,
    bench_export,
    bench_mentions,
    bench_stream,
    bench_timeline,
)


def main() -> None:
    for module in (
        bench_mentions,
        bench_claims,
        bench_stream,
        bench_timeline,
        bench_export,
        bench_animate,
        bench_dashboard,
    ):
        print(f"== {module.__name__}")
        module.run()


if __name__ == "__main__":
    main()
