#!/usr/bin/env bash
# Provides Tandem's Debian 13 stack and runs commands with it.
#
#   installers/buildroot.sh setup            install the packages (host) or provision the build root (Debian 12)
#   installers/buildroot.sh exec [--root] -- CMD...
#                                            run CMD with the stack: inside the root as the ordinary build user
#                                            (or as root with --root), or directly on a Debian 13+ host
#   installers/buildroot.sh mode             print "host" or "root"
#   installers/buildroot.sh build-user       print the build user's uid:gid (the owner of build trees)
#
# On Debian 12 the root lives at $TANDEM_BUILDROOT (default /var/lib/tandem/buildroot-trixie), outside the repository.
# It is entered through its own mount and PID namespaces and pivot_root, never plain chroot: the kernel refuses user
# namespaces (and so unprivileged bubblewrap) to a chrooted process. Every mount lives in that namespace and is gone
# when the command ends, also when it fails or is interrupted.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
root=${TANDEM_BUILDROOT:-/var/lib/tandem/buildroot-trixie}
state_dir=$(dirname "$root")
ccache_dir=${TANDEM_CCACHE_DIR:-/var/cache/tandem/ccache}
mirror=${TANDEM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
build_user=tandem
build_uid=1000
stamp="$root/.tandem-packages"

say() { printf '[tandem] %s\n' "$*" >&2; }
die() { printf '[tandem] error: %s\n' "$*" >&2; exit 1; }

# Runs "$@" and reports how long it took.
timed() {
    local label=$1; shift
    local start=$SECONDS
    say "$label ..."
    "$@"
    say "$label: done in $((SECONDS - start)) s"
}

packages() { sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$here/debian-packages.txt" | sort -u; }

host_has_stack() {
    # Debian 13 (trixie) and newer, or testing/unstable, package the whole stack.
    [ -r /etc/os-release ] || return 1
    local id version codename
    id=$(. /etc/os-release && echo "${ID:-}")
    version=$(. /etc/os-release && echo "${VERSION_ID:-}")
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    case "$id" in
        debian)
            if [ -n "$version" ]; then [ "${version%%.*}" -ge 13 ]; else [ "$codename" != bookworm ]; fi ;;
        *) return 1 ;;
    esac
}

mode() { if [ "${TANDEM_FORCE_ROOT:-0}" != 1 ] && host_has_stack; then echo host; else echo root; fi; }

need_root_user() { [ "$(id -u)" = 0 ] || die "provisioning the Debian 13 build root needs root (debootstrap, namespaces)"; }

apt_install_host() {
    local missing=()
    while read -r p; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done < <(packages)
    if [ ${#missing[@]} -eq 0 ]; then say "host already has every package"; return; fi
    need_root_user
    timed "apt-get install ${#missing[@]} packages on the host" \
        env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

ensure_host_tools() {
    local need=()
    command -v debootstrap >/dev/null || need+=(debootstrap)
    command -v unshare >/dev/null || need+=(util-linux)
    [ ${#need[@]} -eq 0 ] && return
    timed "installing ${need[*]} on the host" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" \
        || { apt-get update -qq && env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"; }
}

# Runs "$@" inside the root: a new mount + PID namespace, a private /dev with its own devpts, /proc, tmpfs /run and
# /tmp, the repository and the ccache bind-mounted at their own paths, then pivot_root. Arguments: USER CWD CMD...
enter_root() {
    local user=$1 cwd=$2; shift 2
    unshare --mount --pid --fork --propagation private -- \
        /bin/bash "$here/buildroot-enter.sh" "$root" "$repo" "$ccache_dir" "$user" "$cwd" "$@"
}

provision_root() {
    need_root_user
    mkdir -p "$state_dir" "$ccache_dir"
    exec 9>"$state_dir/buildroot.lock"
    if ! flock -n 9; then say "waiting for another provisioning to finish (lock $state_dir/buildroot.lock)"; flock 9; fi

    if [ ! -e "$root/.tandem-bootstrapped" ]; then
        ensure_host_tools
        rm -rf "$root.partial"
        timed "debootstrap Debian 13 (trixie) into $root" \
            debootstrap --variant=minbase --include=ca-certificates trixie "$root.partial" "$mirror" \
            >"$state_dir/debootstrap.log" 2>&1 || { tail -20 "$state_dir/debootstrap.log" >&2; die "debootstrap failed"; }
        printf '#!/bin/sh\nexit 101\n' >"$root.partial/usr/sbin/policy-rc.d"
        chmod 755 "$root.partial/usr/sbin/policy-rc.d"
        rm -f "$root.partial/etc/resolv.conf"
        touch "$root.partial/.tandem-bootstrapped"
        rm -rf "$root"
        mv "$root.partial" "$root"
    else
        say "reusing the build root at $root"
    fi
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\tlocalhost ip6-localhost ip6-loopback\n' "$(hostname)" >"$root/etc/hosts"

    local want have missing
    want=$(packages)
    have=$(cat "$stamp" 2>/dev/null || true)
    missing=$(comm -23 <(echo "$want") <(echo "$have"))
    if [ -n "$missing" ]; then
        # shellcheck disable=SC2086
        timed "apt-get install $(echo "$missing" | wc -l) packages in the root" enter_root root / \
            /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/var/log/tandem-apt.log 2>&1 || { tail -30 /var/log/tandem-apt.log; exit 1; }' \
            sh $missing
        echo "$want" >"$stamp"
    else
        say "the root already has every package (stamp $stamp)"
    fi

    if ! grep -q "^$build_user:" "$root/etc/passwd"; then
        enter_root root / useradd --create-home --uid "$build_uid" --user-group --shell /bin/bash "$build_user"
    fi
    chown "$build_uid:$build_uid" "$ccache_dir"
}

cmd=${1:-}; shift || true
case "$cmd" in
    mode) mode ;;
    build-user) echo "$build_uid:$build_uid" ;; # who owns the build tree (./dev hands it over)
    setup)
        if [ "$(mode)" = host ]; then apt_install_host; else provision_root; fi ;;
    exec)
        as_root=0
        while [ $# -gt 0 ]; do
            case "$1" in
                --root) as_root=1; shift ;;
                --) shift; break ;;
                *) break ;;
            esac
        done
        [ $# -gt 0 ] || die "exec needs a command"
        if [ "$(mode)" = host ]; then exec "$@"; fi
        [ -e "$root/.tandem-bootstrapped" ] || die "no build root at $root: run '$0 setup' first"
        need_root_user
        user=$build_user; [ "$as_root" = 1 ] && user=root
        enter_root "$user" "$PWD" "$@" ;;
    *)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
        exit 2 ;;
esac
