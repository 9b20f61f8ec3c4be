#!/usr/bin/env bash
# Makes TorchSharp's native bridge loadable on this host and runs a .NET apphost with it.
#
# TorchSharp 0.107 (libtorch 2.10) needs libstdc++ with GLIBCXX_3.4.32 (GCC 13+). Debian 12 ships
# GLIBCXX_3.4.30, and Debian 13's libstdc++ needs glibc 2.38, so both come together: the Debian 13
# libc6, libstdc++6 and libgcc-s1 packages are unpacked into a private folder and only the TorchSharp
# process is started with that folder's dynamic loader and libraries. Nothing system-wide changes and
# the library path is never exported to other processes (a bookworm binary loaded against the newer
# libc crashes). Hosts that already have GCC 13's libstdc++ get a plain exec.
#
# Usage: scripts/torch-runtime.sh prepare          # install what is needed, print the runtime folder
#        scripts/torch-runtime.sh exec APPHOST ARGS # run a .NET apphost that uses TorchSharp
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runtime_root="${VPO_TORCH_RUNTIME:-$repo_root/.cache/torch-runtime}"
required_symbol="GLIBCXX_3.4.32"

log() { echo "[torch-runtime] $*" >&2; }

host_is_new_enough() {
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    if [[ -e "$lib" ]] && grep -aq "$required_symbol" "$lib"; then return 0; fi
  done
  return 1
}

ensure_apt_packages() {
  local missing=()
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  if ((${#missing[@]})); then
    log "installing ${missing[*]} with apt-get"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# The archive URI comes from the machine's own apt configuration, so no mirror is named here.
debian_archive_uri() {
  local uri
  uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v -- '-security' | head -n1 | awk '{print $2}')
  if [[ -z "$uri" ]]; then
    uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v -- '-security' | head -n1 | awk '{print $2}')
  fi
  [[ -n "$uri" ]] || { log "no Debian archive found in /etc/apt; cannot fetch the newer C++ runtime"; exit 1; }
  echo "$uri"
}

prepare_runtime() {
  local libdir="$runtime_root/root/usr/lib/x86_64-linux-gnu"
  if [[ -e "$runtime_root/.complete" ]]; then echo "$runtime_root"; return; fi
  ensure_apt_packages patchelf apt-get dpkg
  local work="$runtime_root/apt"
  rm -rf "$runtime_root"
  mkdir -p "$work/lists/partial" "$work/archives/partial" "$runtime_root/root"
  local uri; uri=$(debian_archive_uri)
  cat > "$work/sources.list" <<SOURCES
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main
SOURCES
  local apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives" -o "Dir::State::Status=/dev/null"
    -o "Debug::NoLocking=1")
  log "reading the Debian 13 package index"
  apt-get "${apt_opts[@]}" update -qq >/dev/null
  log "downloading libc6, libstdc++6 and libgcc-s1 from Debian 13"
  (cd "$work" && apt-get "${apt_opts[@]}" download libc6 libstdc++6 libgcc-s1 >/dev/null)
  local deb
  for deb in "$work"/*.deb; do dpkg -x "$deb" "$runtime_root/root"; done
  [[ -e "$libdir/ld-linux-x86-64.so.2" ]] || { log "unpacked runtime has no dynamic loader at $libdir"; exit 1; }
  grep -aq "$required_symbol" "$libdir/libstdc++.so.6" || { log "unpacked libstdc++ lacks $required_symbol"; exit 1; }
  rm -rf "$work"
  touch "$runtime_root/.complete"
  log "runtime ready in $runtime_root"
  echo "$runtime_root"
}

exec_apphost() {
  local apphost="$1"; shift
  [[ -x "$apphost" ]] || { log "not an executable apphost: $apphost"; exit 2; }
  # libtorch's OpenMP threads spin while they wait; on a shared 2-core machine a descheduled spinner stalls every
  # parallel region (pretraining measured 4-5x slower). Passive waiting costs little when the machine is idle.
  export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
  if host_is_new_enough; then exec "$apphost" "$@"; fi
  local root; root=$(prepare_runtime)
  local libdir="$root/root/usr/lib/x86_64-linux-gnu"
  local patched="$apphost.torch-runtime"
  # A copy beside the original still finds its app dll, which the apphost looks up next to itself.
  if [[ ! -e "$patched" || "$apphost" -nt "$patched" ]]; then
    cp "$apphost" "$patched.tmp"
    patchelf --set-interpreter "$libdir/ld-linux-x86-64.so.2" "$patched.tmp"
    mv -f "$patched.tmp" "$patched"
  fi
  local dotnet_root="${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}"
  DOTNET_ROOT="$dotnet_root" LD_LIBRARY_PATH="$libdir" exec "$patched" "$@"
}

case "${1:-}" in
  prepare) if host_is_new_enough; then log "host libstdc++ has $required_symbol; nothing to do"; else prepare_runtime >/dev/null; fi ;;
  exec) shift; exec_apphost "$@" ;;
  *) echo "usage: $0 prepare | exec APPHOST [ARGS...]" >&2; exit 2 ;;
esac
