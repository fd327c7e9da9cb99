//! The Wellbeing Plan server: settings, start-up and the routes that are not pages.
//! Everything about the plan itself lives in the `app` crate.

pub mod demo;
pub mod locale_files;
pub mod owners;
pub mod pages;
pub mod security;
pub mod service_worker;
pub mod settings;
pub mod spans;
pub mod startup;

// A page is some thousands of small allocations freed together, on every worker thread at once:
// glibc's arenas spent a sixth of the server's CPU on that, partly waiting on their locks;
// mimalloc keeps a heap per thread. (Its memory, password hashes of 19 MiB included, is measured
// in BENCHMARKS.md, section 4.) Set here, not in main.rs, so that the benchmarks and the tests,
// which link this library, allocate as the server does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc.h's `mi_option_purge_delay`, for which the Rust binding names no constant.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Gives freed memory back to the system as soon as it is freed, unless `MIMALLOC_PURGE_DELAY`
/// says otherwise. By default mimalloc waits a second, and then purges only when the thread
/// that freed allocates again: a thread that verified passwords (19 MiB each) and then sat idle
/// kept that memory, and RSS after 1,000 logins read 88-122 MB in about one run in nine instead
/// of about 60. Purging at once measured 52-55 MB in each of nine runs, at the same page and rating
/// throughput (BENCHMARKS.md, sections 1 and 4).
pub fn return_freed_memory_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one of mimalloc's options, which it reads atomically; any thread may.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    }
}
