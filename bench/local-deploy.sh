#!/usr/bin/env bash
# Benchmark: how much a no-op `mvn connector:deploy` to the embedded target costs beyond Maven itself — its wall time
# divided by `mvn validate` on the same project (issue 4). Runs after `./mvnw -B verify`, which installs the kit into
# it/target/it-repository and builds the sample connector project it/target/it/descriptor-to-bundle.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/it/target/it/descriptor-to-bundle"
repository="$root/it/target/it-repository"
runs=${RUNS:-7}
[ -d "$project/target/connector/app" ] || { echo "Run ./mvnw -B verify first" >&2; exit 1; }

# The integration tests' repository was filled from the main one; the same settings make it resolve offline.
settings=$(mktemp)
trap 'rm -f "$settings"' EXIT
sed "s#@localRepositoryUrl@#file://${MAIN_REPOSITORY:-$HOME/.m2/repository}#" "$root/it/src/it/settings.xml" > "$settings"

mvn() { (cd "$project" && "$root/mvnw" -B -q -o -s "$settings" -Dmaven.repo.local="$repository" "$@" >/dev/null); }
millis() { local start end; start=$(date +%s%N); "$@"; end=$(date +%s%N); echo $(((end - start) / 1000000)); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

mvn connector:deploy   # the first deploy installs the app; the measured ones find it up to date
validate=() deploy=()
for _ in $(seq "$runs"); do
  validate+=("$(millis mvn validate)")
  deploy+=("$(millis mvn connector:deploy)")
done
v=$(median "${validate[@]}") d=$(median "${deploy[@]}")
echo "runs: $runs"
echo "mvn validate:          median ${v} ms (${validate[*]})"
echo "mvn connector:deploy:  median ${d} ms (${deploy[*]})"
awk -v d="$d" -v v="$v" 'BEGIN {printf "deploy / validate:     %.2f\n", d / v}'
