//! `nkms-node`: a validator and full node of NKMS Chain.

#![warn(missing_docs)]
// sc-cli's `Error` is large, and its API returns it by value throughout.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
