#!/usr/bin/env bash
# The Debian package on a clean Debian 12 (docs/install.md): `cpack -G DEB` in the build
# folder, then a fresh root made by debootstrap (minbase bookworm, from Debian's registry)
# where `apt-get install ./flowfolio_*.deb` brings what the package declares and nothing
# else, and the installed program, with no build folder in sight, runs an example from
# /usr/share/flowfolio, writes its report, validates the shipped scenarios, answers
# --version, and man and bash completion find their files.
#
# Where debootstrap cannot make a root (no registry, no root user), it says so and checks
# the package unpacked into a fresh prefix instead, the build folder moved away.
#   package_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
work=$(mktemp -d)
cleanup() {
  for m in proc dev; do mountpoint -q "$work/root/$m" 2> /dev/null && umount -l "$work/root/$m"; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package test: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB > "$work/cpack.log") || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$build"/flowfolio_*.deb | head -1)
[[ -f $deb ]] || fail "cpack made no flowfolio_*.deb"
name=$(basename "$deb")
[[ $name =~ ^flowfolio_[0-9]+\.[0-9]+\.[0-9]+-1_[a-z0-9]+\.deb$ ]] || fail "$name is not named as Debian names packages"
dpkg-deb --info "$deb" > "$work/info"
depends=$(sed -n 's/^ Depends: //p' "$work/info")
echo "package test: $name, $(du -h "$deb" | cut -f1), Depends: $depends"
dpkg-deb --contents "$deb" > "$work/contents"
for f in ./usr/bin/flowfolio ./usr/share/flowfolio/report/vega.min.js ./usr/share/flowfolio/scenarios/seed-default.yaml \
         ./usr/share/flowfolio/scenarios/history/work.csv ./usr/share/flowfolio/notebooks/quickstart.ipynb \
         ./usr/share/flowfolio/schemas/scenario.schema.json ./usr/share/man/man1/flowfolio.1 \
         ./usr/share/bash-completion/completions/flowfolio; do
  grep -q " $f\$" "$work/contents" || fail "the package has no $f"
done
grep -q "/usr/include/\|\.a$\|/cmake/flowfolio" "$work/contents" && fail "the package holds the development files"

# What the installed program must do: `in_root COMMAND...` runs in the installed system,
# where the package's files are under $share and scratch space is $scratch.
check_installed() {
  in_root flowfolio --version | grep -q "^flowfolio " || fail "--version"
  in_root flowfolio run "$share/scenarios/seed-default.yaml" --trials 200 --out "$scratch/run" -q
  in_root flowfolio report "$scratch/run" > /dev/null
  in_root test -s "$scratch/run/report.html" || fail "no report"
  in_root grep -q "vega-embed" "$scratch/run/report.html" || fail "the report lacks its chart libraries"
  for s in seed-default b2b-software hospital-system; do
    in_root flowfolio validate "$share/scenarios/$s.yaml" > /dev/null || fail "$s does not validate"
  done
}

root=$work/root
if [[ $(id -u) == 0 ]] && command -v debootstrap > /dev/null &&
   debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1; then
  mount -t proc proc "$root/proc"
  mount --bind /dev "$root/dev"
  cp "$deb" "$root/tmp/"
  in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
  in_root apt-get install -y -qq --no-install-recommends "/tmp/$name" > "$work/apt.log" 2>&1 ||
    { tail -20 "$work/apt.log"; fail "apt-get could not install the package in a clean Debian 12"; }
  share=/usr/share/flowfolio scratch=/tmp check_installed
  in_root test -f /usr/share/man/man1/flowfolio.1.gz -o -f /usr/share/man/man1/flowfolio.1 || fail "no manual page"
  # Where Debian's python3 imports from, once python3-pandas (recommended) is there.
  in_root test -f /usr/lib/python3/dist-packages/flowfolio/__init__.py || fail "the Python package is not where python3 looks"
  echo "package test: installed with apt in a clean Debian 12 root (debootstrap); run, report and validate work"
else
  echo "package test: debootstrap could not make a clean root here ($(tail -1 "$work/debootstrap.log" 2> /dev/null || echo "not root, or no debootstrap")); checking the package unpacked into a fresh prefix instead"
  dpkg-deb -x "$deb" "$work/prefix"
  mv "$build" "$build.away"
  trap 'mv "$build.away" "$build"; cleanup' EXIT
  in_root() {
    if [[ $1 == flowfolio ]]; then shift; "$work/prefix/usr/bin/flowfolio" "$@"; else "$@"; fi
  }
  share=$work/prefix/usr/share/flowfolio scratch=$work check_installed
  echo "package test: unpacked into a fresh prefix with the build folder away; run, report and validate work"
fi
