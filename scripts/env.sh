# Sourced by the other scripts: one toolchain, one shared build cache, the same flags for every
# cargo call (cargo-leptos sets these for its own builds; a test build with other values would
# rebuild the whole dependency tree).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export WELLBEING_CACHE=${WELLBEING_CACHE:-/var/cache/wellbeing-plan}
export WELLBEING_TOOLS=${WELLBEING_TOOLS:-/opt/wellbeing-tools}
# Shared by every clone on this machine, so a fresh clone (as CI makes) builds incrementally.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$WELLBEING_CACHE/target}
export PATH="$WELLBEING_TOOLS/bin:$HOME/.cargo/bin:$PATH"
export LEPTOS_OUTPUT_NAME=wellbeing
export RUSTFLAGS="--cfg erase_components"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

# Every cargo-leptos build splits the WASM in two: the pages people open the app on, and the
# rest, loaded the first time one of those pages is shown (app/src/pages.rs, `LaterPage`).
LEPTOS_BUILD_ARGS=(--split)
# Which way this machine builds WASM, decided by scripts/setup.
WASM_STD_ARGS=()
if [ -f "$WELLBEING_TOOLS/wasm-route" ] && [ "$(cat "$WELLBEING_TOOLS/wasm-route")" = debian ]; then
  # Debian's rustc-web builds std for wasm32 from source; rustup's toolchain lacks the target.
  export PATH="/usr/bin:$WELLBEING_TOOLS/bin:$PATH"
  export RUSTC_BOOTSTRAP=1
  LEPTOS_BUILD_ARGS+=(--lib-cargo-args=-Zbuild-std=std,panic_abort)
  WASM_STD_ARGS=(-Zbuild-std=std,panic_abort)
fi

# The release bundle rebuilds std with panics that stop at once (-Cpanic=immediate-abort) and
# no source locations: no panic message formatting is shipped, and the WASM is 5% smaller
# (563.9 -> 535.8 KB brotli, measured). Only where std's sources are at hand (rustup's rust-src
# or Debian's rust-web-src; scripts/setup fetches them). The flags are for wasm32 alone: the
# server keeps unwinding panics, so a request that panics ends its own connection, not the
# process. Every release cargo call goes through release_env, so the server's release build
# always sees the same environment and is not rebuilt between them.
RELEASE_BUILD_ARGS=("${LEPTOS_BUILD_ARGS[@]}")
RELEASE_WASM_FLAGS=
if [ -d "$(rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library" ]; then
  RELEASE_BUILD_ARGS=(--split --lib-cargo-args=-Zbuild-std=std,panic_abort)
  RELEASE_WASM_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
fi
release_env() {
  env -u RUSTFLAGS CARGO_BUILD_RUSTFLAGS="$RUSTFLAGS" RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$RUSTFLAGS $RELEASE_WASM_FLAGS" "$@"
}
cd "$ROOT"
