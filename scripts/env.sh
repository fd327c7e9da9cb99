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

# Which way this machine builds WASM, decided by scripts/setup.
LEPTOS_LIB_ARGS=()
WASM_STD_ARGS=()
if [ -f "$WELLBEING_TOOLS/wasm-route" ] && [ "$(cat "$WELLBEING_TOOLS/wasm-route")" = debian ]; then
  # Debian's rustc-web builds std for wasm32 from source; rustup's toolchain lacks the target.
  export PATH="/usr/bin:$WELLBEING_TOOLS/bin:$PATH"
  export RUSTC_BOOTSTRAP=1
  LEPTOS_LIB_ARGS=(--lib-cargo-args=-Zbuild-std=std,panic_abort)
  WASM_STD_ARGS=(-Zbuild-std=std,panic_abort)
fi
cd "$ROOT"
