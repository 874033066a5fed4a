//! The runtime's integration tests, in one test binary (one link of the runtime's dependencies
//! instead of one per file).

mod client_metadata;
mod common;
mod duties;
mod genesis;
mod offchain;
mod policy;
mod reencryption;
mod staking;
