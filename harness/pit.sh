#!/usr/bin/env bash
# Mutation testing (PIT 1.30.2 + pitest-junit5-plugin 1.2.3) of one module, without editing its pom.
# usage: harness/pit.sh <module> <target classes> [<target tests>]
#   harness/pit.sh agent-service 'io.ccagent.agent.agents.*' 'io.ccagent.agent.agents.*Test'
#   harness/pit.sh queue-service 'io.ccagent.queue.routing.*' 'io.ccagent.queue.routing.*Test'
# The report lands in <module>/target/pit-reports (index.html, mutations.csv). Add MAVEN_ARGS=-o once PIT is cached.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module=$1
classes=$2
tests=${3:-$2}
cd "$root"
# through the reactor (-am), so the project's own modules come from their target/classes, never from ~/.m2
./mvnw -q -B ${MAVEN_ARGS:-} -pl "$module" -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/pit-module.classpath
./mvnw -q -B ${MAVEN_ARGS:-} -f harness/pit/pom.xml dependency:build-classpath \
  -Dmdep.outputFile=target/pit-tool.classpath
classpath="$module/target/classes:$module/target/test-classes:$(cat "$module/target/pit-module.classpath")"
java -cp "$(cat harness/pit/target/pit-tool.classpath):$classpath" \
  org.pitest.mutationtest.commandline.MutationCoverageReport \
  --reportDir "$module/target/pit-reports" \
  --targetClasses "$classes" \
  --targetTests "$tests" \
  --sourceDirs "$module/src/main/java" \
  --outputFormats HTML,CSV \
  --timestampedReports=false \
  --threads 2
