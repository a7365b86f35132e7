//! End-to-end tests of the `fihris` binary: each test writes a small corpus
//! into a temporary folder, runs the real binary on it and checks what a
//! user would see (exit codes, stdout, stderr).
//!
//! One test binary, like ripgrep's `tests/`: the modules live in folders
//! (`tests/search/mod.rs`, not `tests/search.rs`) because Cargo would build
//! every `tests/*.rs` file as a test binary of its own.

mod util;

mod author;
mod boilerplate;
mod collapse;
mod corpus;
mod crosslingual;
mod dups;
mod eval;
mod filters;
mod formats;
mod hostile;
mod index;
mod matching;
mod metadata;
mod output;
mod pages;
mod query;
mod related;
mod reliability;
mod search;
mod serve;
mod snapshots;
mod stats;
mod status;
mod stories;
mod sync;
