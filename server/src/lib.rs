//! The Wellbeing Plan server: settings, start-up and the routes that are not pages.
//! Everything about the plan itself lives in the `app` crate.

pub mod demo;
pub mod security;
pub mod service_worker;
pub mod settings;
pub mod startup;

// A page is some thousands of small allocations freed together, on every worker thread at once:
// glibc's arenas spent a sixth of the server's CPU on that, partly waiting on their locks;
// mimalloc keeps a heap per thread. (Its memory, password hashes of 19 MiB included, is measured
// in BENCHMARKS.md, section 4.) Set here, not in main.rs, so that the benchmarks and the tests,
// which link this library, allocate as the server does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
