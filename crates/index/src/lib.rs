//! The write side of a fihris index: its schema, and building and syncing
//! it from folders of articles.
//!
//! A sync is **plan → execute → commit** (`sync.rs`):
//! - the plan ([`SyncPlan`], `plan.rs`) says which files are added,
//!   changed, removed, kept or only touched, and why, from the files under
//!   the roots and what the index holds per file (`held.rs`: fingerprints
//!   and ids from the fast fields and the commit payload); nothing is
//!   written to make it, and [`plan_sync`] returns it as is;
//! - execution (`execute.rs`) reads the planned files in walk order and in
//!   batches, with the readers of `fihris-ingest`, computes each article's
//!   near-duplicate signature (`minhash.rs`) and adds its document;
//! - the commit is one tantivy commit whose payload ([`CommitInfo`],
//!   `schema.rs`) records the settings and the fingerprints no document
//!   carries. Until it, readers see the old index; a sync that fails or is
//!   killed leaves the index as it was.
//!
//! The writer opens the index folder through `disk.rs`, which remembers
//! the first write that failed, so that a sync failing on a full disk names
//! the file it could not write. `check.rs` verifies an index (checksums,
//! stored articles, ids) and digests its stored articles.
//!
//! One process writes at a time (`lock.rs`). `state.rs` tells what is at an
//! index location and opens it, for the read side (`fihris-search`) too.
//! Every text field is analysed with the analyzers of `fihris-normalize`,
//! registered on each open.
//!
//! This crate never prints: it returns reports, and the binary formats them.

mod check;
mod disk;
mod error;
mod execute;
mod held;
mod lock;
pub mod minhash;
mod plan;
mod schema;
mod state;
mod sync;

pub use check::{check, CheckReport, Damage};
pub use error::{io_error, IndexError};
pub use execute::{BATCH_BYTES, PART_RECORDS};
pub use plan::{Change, Rebuild, SyncPlan, ToRead, Why};
pub use schema::{CommitInfo, Fields, FileStamp, INGEST_VERSION, SCHEMA_VERSION};
pub use state::{index_exists, open, OpenIndex};
pub use sync::{build_index, plan_sync, BuildOptions, BuildReport, Progress};
