#!/usr/bin/env bash
# Regenerate the checked-in shell completions (completions/) and man pages (man/) from
# the clap definition; tests/generated.rs fails until they are up to date.
#
#   scripts/generate-assets.sh
#
# Default features, so `millectl server` has its pages. SOURCE_DATE_EPOCH is unset so
# the pages carry the fixed date of src/cli/generate.rs and the test can compare bytes;
# packagers who want their own date run `millectl generate-assets` with it set.
set -euo pipefail
cd "$(dirname "$0")/.."
unset SOURCE_DATE_EPOCH
cargo run --quiet -- generate-assets --out-dir .
