#!/bin/sh
# Builds the gateway alone (TANDEM_BUILD_DESKTOP=OFF, what a server package builds: no Widgets, QTermWidget or
# KSyntaxHighlighting) in a tree of its own and runs its unit tests and a gateway over loopback there.
#   tests/check-gateway-only.sh SOURCE_DIR BUILD_DIR
set -eu
src=$1
build=$2
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTANDEM_BUILD_DESKTOP=OFF >/dev/null
fi
cmake --build "$build"
if [ -e "$build/app/tandem" ] || [ -e "$build/ui" ]; then
    echo "the gateway-only build made the desktop" >&2
    exit 1
fi
ctest --test-dir "$build" --output-on-failure -L unit -R '^(TestApi|TestGatewayConfig|TestStore|TestJobPlan)$'
ctest --test-dir "$build" --output-on-failure -R '^TestGatewayServer$'
