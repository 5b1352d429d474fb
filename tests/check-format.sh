#!/bin/sh
# Fails, listing the files, when a tracked C++ file does not match .clang-format. `./dev format` fixes them.
set -eu
clang_format=${1:-clang-format}
files=$(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' 2>/dev/null || find app core ui tests -name '*.cpp' -o -name '*.h')
[ -n "$files" ] || exit 0
# shellcheck disable=SC2086
$clang_format --dry-run --Werror $files
