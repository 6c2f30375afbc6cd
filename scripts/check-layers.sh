#!/usr/bin/env bash
# The one-way flow of README's "How the code is laid out", checked by grep so it stays
# true: cli → client → (HTTP) → server → domain → store. Each rule names the folder, what
# it must not mention, and why. Test modules (`#[cfg(test)]` to the end of a file, and
# files named tests.rs or *_tests.rs) are left out: a test may read a fixture file.
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0

# Print a folder's non-test source lines as FILE:LINE:TEXT.
code_of() {
    find "$@" -name '*.rs' ! -name '*tests.rs' -print0 | sort -z | xargs -0 awk '
        FNR == 1 { in_test = 0 }
        /^#\[cfg\(test\)\]/ { in_test = 1 }
        !in_test { print FILENAME ":" FNR ":" $0 }'
}

# rule DESCRIPTION PATTERN PATH... : fail when PATTERN appears in the code of PATH.
rule() {
    local description=$1 pattern=$2
    shift 2
    local hits
    hits=$(code_of "$@" | grep -P "$pattern" || true)
    if [ -n "$hits" ]; then
        echo "check-layers: $description:" >&2
        echo "$hits" | sed 's/^/    /' >&2
        failed=1
    fi
}

rule "domain is pure rules: it imports no store, server, client, cli or output" \
    'crate::(store|server|client|cli|output)\b' src/domain
rule "domain does no file or network I/O" \
    'std::(fs|net)\b|tokio::|reqwest|sqlx|rusqlite|File::' src/domain
rule "api holds wire types only: it imports no store, server, client, cli or output" \
    'crate::(store|server|client|cli|output)\b' src/api
rule "store imports neither server nor api wire types" \
    'crate::(server|api|client|cli|output)\b' src/store
rule "nothing above the store names the database drivers" \
    '\b(sqlx|rusqlite)::' src/api src/domain src/server src/client src/cli src/output
rule "output renders wire types: it imports no server, store, client or cli" \
    'crate::(server|store|client|cli)\b' src/output
rule "client never imports server, store, cli or output" \
    'crate::(server|store|cli|output)\b' src/client
rule "client never prints (verbose output goes through its observer)" \
    '\be?print(ln)?!' src/client
rule "server and store never print (they log through tracing)" \
    '\be?print(ln)?!' src/server src/store src/domain src/api
rule "cli reaches the store only through the server's entry points" \
    'crate::store\b' src/cli
# The server's entry points: `millectl server …` and `millectl demo` only.
rule "cli reaches the server only from cli/server.rs and cli/demo.rs" \
    'crate::server\b' $(find src/cli -name '*.rs' ! -path 'src/cli/server/*' ! -path src/cli/demo.rs)
# …and there only through the entry points: options in, a started server, dev data, the
# bootstrap commands, backups, the mask key and the pepper file — never the server's insides.
rule "cli/server and cli/demo use only the server's entry points" \
    'crate::server::(?!(start|options|dev|bootstrap|backup|mask_key|secrets_file|ServerOptions)\b)' \
    src/cli/server src/cli/demo.rs

if [ "$failed" -ne 0 ]; then
    echo "check-layers: the layers of README's \"How the code is laid out\" do not hold" >&2
    exit 1
fi
echo "check-layers: every layer rule holds"
