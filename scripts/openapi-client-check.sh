#!/usr/bin/env bash
# A client generated from the served OpenAPI document by a mainstream generator works
# (issue 17): openapi-python-client builds a Python client from /v1/openapi.json of a
# dev server, must generate every operation (any "Endpoint will not be generated"
# warning fails the check), and the client logs anna in, shows jan and unblocks him.
#
#   scripts/openapi-client-check.sh [path/to/millectl]
#
# The binary defaults to $CARGO_TARGET_DIR/debug/millectl (target/ when unset), built
# by `cargo test`. Needs python3 with venv and pip, and PyPI; about 25 s, most of it
# the pip install. Everything lives in a temp dir, removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."

GENERATOR_VERSION=0.29.1
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/millectl}
if [ ! -x "$bin" ]; then
    echo "openapi-client-check: no millectl binary at $bin; run cargo build first" >&2
    exit 1
fi

work=$(mktemp -d /tmp/millectl-openapi-client.XXXXXX)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
    "openapi-python-client==$GENERATOR_VERSION"

# A dev server on a free port: port 0, and the URL it writes to dev-credentials.json.
"$bin" server --dev --data-dir "$work/data" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    [ -s "$work/data/dev-credentials.json" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "openapi-client-check: the dev server exited:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["server"])' \
    "$work/data/dev-credentials.json")
python3 - "$url/v1/openapi.json" "$work/openapi.json" <<'EOF'
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=30) as answer:
    open(sys.argv[2], "wb").write(answer.read())
EOF

# The token inventory is a PSKC file: the generator knows no XML media type, so it is
# sent as bytes (the server reads the same bytes either way).
cat >"$work/generator.yml" <<'EOF'
package_name_override: millectl_client
project_name_override: millectl-client
post_hooks: []
content_type_overrides:
  application/pskc+xml: application/octet-stream
EOF
"$work/venv/bin/openapi-python-client" generate --path "$work/openapi.json" \
    --config "$work/generator.yml" --meta none \
    --output-path "$work/client/millectl_client" >"$work/generate.log" 2>&1 || {
    cat "$work/generate.log" >&2
    exit 1
}
if grep -q "WARNING" "$work/generate.log"; then
    echo "openapi-client-check: openapi-python-client $GENERATOR_VERSION skipped or misread part of the document:" >&2
    cat "$work/generate.log" >&2
    exit 1
fi

PYTHONPATH="$work/client" "$work/venv/bin/python" scripts/openapi-client-check.py \
    "$url" "$work/data/dev-credentials.json"
echo "openapi-client-check: ok (openapi-python-client $GENERATOR_VERSION, every operation generated; login, show, unblock)"
