#!/usr/bin/env bash
# Benchmarks of issue 6 (JMH): (a) the embedded sink's write throughput divided by a raw JDBC batch insert into the
# same H2 table, target at least 0.7; (b) one RUN_SCHEDULER_ITERATION with 1,000 enabled resources and nothing due:
# its time and its statements. Builds the runtime and the benchmarks module (profile bench) without installing
# anything, then runs them. Arguments: forks, warm-up iterations, measured iterations (default 2 5 10).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/mvnw" -B -q -Pbench -pl benchmarks -am package -DskipTests
java -jar "$root/benchmarks/target/connector-benchmarks.jar" "$@"
