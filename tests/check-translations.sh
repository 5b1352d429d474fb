#!/bin/sh
# Fails when running lupdate over the sources would change a committed .ts file: every tr() string must be in the
# translation files. `./dev translations` refreshes them.
set -eu
lupdate=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for ts in translations/*.ts; do
    cp "$ts" "$tmp/$(basename "$ts")"
    "$lupdate" -silent -locations none "$@" -ts "$tmp/$(basename "$ts")" >/dev/null
    if ! diff -u "$ts" "$tmp/$(basename "$ts")"; then
        echo "$ts is out of date: run ./dev translations" >&2
        status=1
    fi
done
exit $status
