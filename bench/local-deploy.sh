#!/usr/bin/env bash
# Benchmark of issue 13: how much a no-op `mvn connector:deploy` to the embedded target costs beyond Maven itself —
# the median wall time of RUNS (default 5) `mvn -o -q connector:deploy` divided by that of `mvn -o -q validate` on the
# same project; target at most 1.6. The project is generated from the archetype into a temporary folder (or PROJECT,
# an already packaged connector project), packaged and deployed once, so that the measured deploys find it up to date.
# Needs the kit in the local repository (MAVEN_REPOSITORY, default ~/.m2/repository): ./mvnw install -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repository=${MAVEN_REPOSITORY:-$HOME/.m2/repository}
runs=${RUNS:-5}
# The kit's version and the archetype plugin's, as the kit's pom pins them.
pinned() { sed -n "s#^ \{2,4\}<$1>\(.*\)</$1>#\1#p" "$root/pom.xml" | head -1; }
kit_version=$(pinned version)
archetype_plugin=$(pinned archetype.plugin.version)

mvn() { "$root/mvnw" -B -q -o -Dmaven.repo.local="$repository" "$@" >/dev/null; }
millis() { local start end; start=$(date +%s%N); "$@"; end=$(date +%s%N); echo $(((end - start) / 1000000)); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [ -z "${PROJECT:-}" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && mvn "org.apache.maven.plugins:maven-archetype-plugin:$archetype_plugin:generate" \
    -DarchetypeGroupId=io.connectorkit -DarchetypeArtifactId=connector-archetype -DarchetypeVersion="$kit_version" \
    -DgroupId=com.example.bench -DartifactId=bench-connector -Dpackage=com.example.bench -DinteractiveMode=false)
  PROJECT="$work/bench-connector"
  (cd "$PROJECT" && mvn package -DskipTests)
fi
cd "$PROJECT"

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
