#!/usr/bin/env bash
# Checks that docs/openapi.yaml documents every route of src/http/api/routes.cpp, with its method,
# and nothing that is not a route. Row `Entry{get, "/api/v1/x/:id", …}` (or `Entry{.method = get, .pattern = "/api/v1/x/:id", …}`) must appear as the path key
# `/api/v1/x/{id}:` (two-space indent under `paths:`) with a `get:` key (four spaces) under it.
# When python3 has PyYAML, the file must also parse; with openapi-spec-validator, it must be valid
# OpenAPI. Usage: check_openapi_routes.sh [repo root]   (default: two levels above this script)
set -euo pipefail

root="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
routes_file="$root/src/http/api/routes.cpp"
spec_file="$root/docs/openapi.yaml"
for f in "$routes_file" "$spec_file"; do
  [[ -f "$f" ]] || { echo "missing file: $f" >&2; exit 2; }
done

# "method path" per route, from the route table (joined into one line so wrapped entries match too).
routes="$(tr '\n' ' ' <"$routes_file" \
  | grep -oE 'Entry\{[[:space:]]*(\.method[[:space:]]*=[[:space:]]*)?[a-z]+[[:space:]]*,[[:space:]]*(\.pattern[[:space:]]*=[[:space:]]*)?"[^"]*"' \
  | sed -E 's/^Entry\{[[:space:]]*(\.method[[:space:]]*=[[:space:]]*)?([a-z]+)[[:space:]]*,[[:space:]]*(\.pattern[[:space:]]*=[[:space:]]*)?"([^"]*)"$/\2 \4/' \
  | awk '{ m = $1; if (m == "del") m = "delete"; p = $2; gsub(/:[A-Za-z_][A-Za-z0-9_]*/, "{&}", p); gsub(/\{:/, "{", p); print m, p }' \
  | sort -u)"
if [[ -z "$routes" ]]; then
  echo "found no Entry{method, \"/path\"} rows in $routes_file — has the route table changed shape?" >&2
  exit 2
fi

# "method path" per documented operation, from the `paths:` section of the spec.
documented="$(awk '
  /^[^[:space:]#]/ { in_paths = ($0 ~ /^paths:[[:space:]]*$/); path = ""; next }
  !in_paths { next }
  /^  [^[:space:]#]/ {
    key = $0; sub(/^  /, "", key); sub(/:[[:space:]]*(#.*)?$/, "", key); gsub(/^["\x27]|["\x27]$/, "", key)
    path = (key ~ /^\//) ? key : ""; next
  }
  path != "" && /^    (get|put|post|patch|delete|head|options|trace):/ {
    m = $0; sub(/^    /, "", m); sub(/:.*/, "", m); print m, path
  }
' "$spec_file" | sort -u)"

missing="$(comm -23 <(echo "$routes") <(echo "$documented"))"
stale="$(comm -13 <(echo "$routes") <(echo "$documented"))"
status=0
if [[ -n "$missing" ]]; then
  echo "Routes in src/http/api/routes.cpp missing from docs/openapi.yaml (method path):"
  echo "$missing" | sed 's/^/  /'
  status=1
fi
if [[ -n "$stale" ]]; then
  echo "Operations in docs/openapi.yaml that are not routes in src/http/api/routes.cpp:"
  echo "$stale" | sed 's/^/  /'
  status=1
fi

if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' >/dev/null 2>&1; then
  if ! python3 - "$spec_file" <<'PY'
import sys, yaml
path = sys.argv[1]
try:
    spec = yaml.safe_load(open(path, encoding="utf-8"))
except yaml.YAMLError as error:
    print(f"{path} is not valid YAML:\n{error}")
    sys.exit(1)
if not isinstance(spec, dict) or not str(spec.get("openapi", "")).startswith("3.0"):
    print(f"{path}: expected an OpenAPI 3.0 document")
    sys.exit(1)
try:
    from openapi_spec_validator import validate
except ImportError:
    print("note: openapi-spec-validator not installed; checked YAML syntax only")
    sys.exit(0)
try:
    validate(spec)
except Exception as error:  # the validator's own exception types vary across versions
    print(f"{path} is not a valid OpenAPI document:\n{error}")
    sys.exit(1)
PY
  then
    status=1
  fi
else
  echo "note: python3 with PyYAML not found; skipped YAML parsing"
fi

if [[ $status -eq 0 ]]; then
  echo "docs/openapi.yaml documents all $(echo "$routes" | wc -l) routes."
fi
exit $status
