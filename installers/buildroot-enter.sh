#!/bin/bash
# Second half of installers/buildroot.sh: runs as PID 1 of a fresh PID namespace inside a fresh mount namespace
# (made by `unshare --mount --pid --fork`). Builds the root's view — private /dev with its own devpts instance,
# /proc of this PID namespace, tmpfs /run and /tmp, the repository and ccache at their own paths — then pivot_roots
# into it and runs the command. Nothing here outlives the command: the namespace dies with it, and its mounts too.
set -euo pipefail
root=$1 repo=$2 ccache_dir=$3 user=$4 cwd=$5
shift 5

mount --make-rprivate /
mount --bind "$root" "$root"
mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$root/sys" 2>/dev/null || mount --rbind -o ro /sys "$root/sys"

# A private /dev: the host's devpts would refuse an unprivileged sshd's chown of its PTY.
mount -t tmpfs -o mode=755,nosuid tmpfs "$root/dev"
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    mknod -m 666 "$root/dev/$name" c "$major" "$minor"
done
mkdir -p "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,gid=5,mode=620,ptmxmode=0666 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"

mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$root/run"
mkdir -p "$root/run/sshd" "$root/run/lock"
chmod 1777 "$root/run/lock"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"

mkdir -p "$root$repo"
mount --bind "$repo" "$root$repo"
mkdir -p "$root/var/cache/ccache"
mount --bind "$ccache_dir" "$root/var/cache/ccache"

# An X display from the host, when there is one.
if [ -n "${DISPLAY:-}" ] && [ -d /tmp/.X11-unix ]; then
    mkdir -p "$root/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
fi

cd "$root"
mkdir -p .oldroot
pivot_root . .oldroot
umount -l /.oldroot
rmdir /.oldroot 2>/dev/null || true

export CCACHE_DIR=/var/cache/ccache
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export LANG=C.UTF-8
cd "$cwd" 2>/dev/null || cd /
if [ "$user" = root ]; then
    export HOME=/root USER=root
    "$@"
else
    home=$(getent passwd "$user" | cut -d: -f6)
    export HOME=$home USER=$user LOGNAME=$user
    # As PID 1, bash reaps the orphans the command leaves behind while it waits for it.
    setpriv --reuid="$user" --regid="$user" --init-groups --reset-env --inh-caps=-all -- \
        env HOME="$home" USER="$user" LOGNAME="$user" PATH="$PATH" LANG="$LANG" CCACHE_DIR="$CCACHE_DIR" \
        ${DISPLAY:+DISPLAY="$DISPLAY"} ${TANDEM_TEST_ARGS:+TANDEM_TEST_ARGS="$TANDEM_TEST_ARGS"} \
        TERM="${TERM:-dumb}" "$@"
fi
