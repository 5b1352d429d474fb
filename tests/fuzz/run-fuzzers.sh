#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan + libFuzzer's coverage) in a build tree of their own and runs
# each for RUNS executions (default 1 000 000), printing executions, speed and coverage. Fails on the first crash.
#   tests/fuzz/run-fuzzers.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=${1:?source dir}
build=${2:?build dir}
runs=${FUZZ_RUNS:-1000000}
if [ ! -f "$build/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DTANDEM_BUILD_DESKTOP=OFF -DTANDEM_FUZZ=ON >/dev/null
fi
targets=(FuzzPath FuzzRange FuzzArchiveMember FuzzJobSpec)
cmake --build "$build" --target "${targets[@]}"
printf '%-18s %12s %10s %8s %8s\n' target executions 'exec/s' coverage crashes
seeds="$src/tests/fuzz/seeds"
# The archive check starts from real archives: files, a folder, a link, a ".." name, plain and gzipped.
archives="$build/seeds/FuzzArchiveMember"
if [ ! -d "$archives" ]; then
    mkdir -p "$archives" "$build/seeds/work/dir"
    (cd "$build/seeds/work" && echo hi > dir/a.c && ln -sf /etc/passwd link &&
        tar -cf "$archives/plain.tar" dir link && tar -czf "$archives/gz.tgz" dir &&
        tar -cf "$archives/climb.tar" --transform 's,^dir,../up,' dir)
fi
for target in "${targets[@]}"; do
    corpus="$build/corpus/$target"
    mkdir -p "$corpus"
    seed_dirs=()
    for dir in "$seeds/$target" "$build/seeds/$target"; do
        [ -d "$dir" ] && seed_dirs+=("$dir")
    done
    dict=()
    [ "$target" = FuzzJobSpec ] && dict=(-dict="$src/tests/fuzz/json.dict")
    log="$build/$target.log"
    if ! "$build/tests/fuzz/$target" -runs="$runs" -print_final_stats=1 -max_len=4096 -timeout=10 \
        "${dict[@]}" -artifact_prefix="$build/$target-" "$corpus" "${seed_dirs[@]}" >"$log" 2>&1; then
        tail -40 "$log"
        printf '%-18s crashed: see %s\n' "$target" "$log"
        exit 1
    fi
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    printf '%-18s %12s %10s %8s %8s\n' "$target" "$executed" "$speed" "${coverage:-?}" 0
    [ "${executed:-0}" -ge "$runs" ] || { echo "$target ran only ${executed:-0} executions"; exit 1; }
done
