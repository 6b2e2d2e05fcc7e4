#!/usr/bin/env bash
# The image-store tour from Docker's tutorials, with berth: a base image from a rootfs tarball built here from
# Debian's busybox-static, images, history, inspect, save, rmi, load, one layer shared by two images, and (as root)
# a container whose writable layer is diffed and committed as one more layer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
berth() { echo "\$ berth $*" >&2; ./bin/berth --root "$ROOT" "$@"; }
export ROOT=${BERTH_DEMO_ROOT:-$(mktemp -d /tmp/berth-demo.XXXXXX)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== a root filesystem from Debian's busybox-static package" >&2
rootfs=$work/rootfs
mkdir -p "$rootfs"/{bin,etc,tmp,root}
cp "$(command -v busybox)" "$rootfs/bin/busybox"
for a in $("$rootfs/bin/busybox" --list); do [[ $a == busybox ]] || ln -s busybox "$rootfs/bin/$a"; done
echo 'root:x:0:0:root:/root:/bin/sh' >"$rootfs/etc/passwd"
echo 'root:x:0:' >"$rootfs/etc/group"
tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
ls -l "$work/rootfs.tar" >&2

echo "== import it as a one-layer base image" >&2
berth import -m 'busybox base from Debian' -c 'CMD ["/bin/sh"]' "$work/rootfs.tar" demo/busybox:1.0
berth images
berth history demo/busybox:1.0
berth inspect --format 'ID {{.Id}}  Cmd {{.Config.Cmd}}  Layers {{len .RootFS.Layers}}  Size {{.Size}}' demo/busybox:1.0
berth image inspect demo/busybox:1.0

echo "== save it, remove it, load it back: same image ID" >&2
before=$(./bin/berth --root "$ROOT" images -q --no-trunc demo/busybox:1.0)
berth save -o "$work/busybox.tar" demo/busybox:1.0
tar -tvf "$work/busybox.tar" >&2
berth rmi demo/busybox:1.0
berth images
berth load -i "$work/busybox.tar"
after=$(./bin/berth --root "$ROOT" images -q --no-trunc demo/busybox:1.0)
echo "ID before save: $before" >&2
echo "ID after load:  $after" >&2
[[ $before == "$after" ]]

echo "== a second image from the same rootfs shares the layer: stored once" >&2
berth import -m 'same rootfs, other config' -c 'ENV GREETING=hello' "$work/rootfs.tar" demo/shell:1.0
berth images
berth inspect --format '{{.RootFS.Layers}}' demo/busybox:1.0 demo/shell:1.0
echo "layer directories in the store: $(ls "$ROOT/overlay" | grep -vc '^l$')" >&2

if [[ $(id -u) -eq 0 ]] && command -v runc >/dev/null && grep -qw overlay /proc/filesystems; then
  echo "== a container: the image's layer plus one writable layer; commit makes it one more image layer" >&2
  berth run --name demo-box demo/busybox:1.0 sh -c 'echo hello from a container > /greeting; rm /etc/group'
  berth diff demo-box
  berth commit -m 'add a greeting' demo-box demo/greeting:1.0
  berth history demo/greeting:1.0
  berth run --rm demo/greeting:1.0 cat /greeting
  berth ps -a
  berth rm demo-box
  berth rmi demo/greeting:1.0
else
  echo "== (containers skipped: they need root, runc and overlayfs)" >&2
fi

berth system df
berth system check
echo "demo store: $ROOT" >&2
