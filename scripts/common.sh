# Shared by the repo-root commands (sourced, not run): the Java check and the classifier's build.
# ROOT is the repository root; the caller's working directory is left as it is, so the paths a user
# types (a CSV, an output file) are read where the user is.

# the major version of the java on PATH (17, 21...), or nothing when it says none
java_major() {
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1 || true
}

# a sentence rather than an UnsupportedClassVersionError from an older java on PATH, or nothing at all
require_java_17() {
  if ! command -v java >/dev/null 2>&1; then
    echo "the ticket pipeline needs Java 17 or later, and there is no java on PATH" >&2
    exit 1
  fi
  local major
  major=$(java_major)
  if [ -z "$major" ] || [ "$major" -lt 17 ] 2>/dev/null; then
    echo "the ticket pipeline needs Java 17 or later on PATH; found: $(java -version 2>&1 | head -1)" >&2
    exit 1
  fi
}

# a sentence rather than "mvn: command not found"
require_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "building the ticket pipeline needs Maven 3.8 or later, and there is no mvn on PATH" >&2
    exit 1
  fi
}

# builds the classifier's jar when missing or older than its sources or poms (a dependency moved), as ./run
# does, so a checkout never runs stale code
build_classifier_jar() {
  local jar="$ROOT/classifier-streams/target/classifier-streams.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/classifier-streams/src" "$ROOT/schemas/src" "$ROOT/pom.xml" \
      "$ROOT/classifier-streams/pom.xml" "$ROOT/schemas/pom.xml" -type f -newer "$jar" -print -quit)" ]; then
    require_maven
    echo "building (mvn -DskipTests package)..." >&2
    mvn -q -f "$ROOT/pom.xml" -DskipTests package -pl classifier-streams -am >&2
    # Maven leaves a jar whose classes did not change as it was; a newer test file would rebuild every time
    touch "$jar"
  fi
}
