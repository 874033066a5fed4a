//! The chain, through subxt: calls, storage, runtime APIs and events typed from the runtime's
//! metadata (`metadata.scale`, kept equal to the runtime's by a runtime test), and transactions
//! signed by the user's account that wait until they are in a block.

use subxt::{
	backend::BlockRef,
	client::OnlineClientAtBlock,
	config::RpcConfigFor,
	error::{DispatchError, TransactionEventsError},
	extrinsics::ExtrinsicEvents,
	rpcs::{LegacyRpcMethods, RpcClient},
	tx::{Payload, TransactionStatus},
	utils::AccountId32,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;

use crate::error::{CliError, Result};

/// The runtime's calls, storage, runtime APIs, events and types.
#[subxt::subxt(
	runtime_metadata_path = "metadata.scale",
	derive_for_type(
		path = "nkms_runtime::SessionKeys",
		derive = "::subxt::ext::codec::Decode",
		recursive
	)
)]
pub mod runtime {}

pub use runtime::runtime_types;
use runtime_types::bounded_collections::bounded_vec::BoundedVec;

/// NKMS Chain is a Polkadot-like chain: 32-byte accounts, `MultiAddress<AccountId, ()>`,
/// `u32` block numbers and the standard transaction extensions.
pub type Config = PolkadotConfig;
/// The chain at one block.
pub type AtBlock = OnlineClientAtBlock<Config>;
/// An account.
pub type Account = AccountId32;
/// A balance in planck (10⁻¹² NKMS).
pub type Balance = u128;
/// A block number.
pub type BlockNumber = u32;

/// A connection to a node.
pub struct Chain {
	client: OnlineClient<Config>,
	rpc: LegacyRpcMethods<RpcConfigFor<Config>>,
	url: String,
}

impl Chain {
	/// Connects to the node at `url` (`ws://` or `wss://`).
	pub async fn connect(url: &str) -> Result<Self> {
		let unreachable = |reason: String| CliError::Unreachable { url: url.to_string(), reason };
		let rpc = RpcClient::from_insecure_url(url)
			.await
			.map_err(|error| unreachable(error.to_string()))?;
		let client = OnlineClient::<Config>::from_rpc_client(rpc.clone())
			.await
			.map_err(|error| unreachable(error.to_string()))?;
		Ok(Self { client, rpc: LegacyRpcMethods::new(rpc), url: url.to_string() })
	}

	/// The URL of the node.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The chain at its best block, which a transaction waited for by [`Self::submit`] is in
	/// (finality follows a few blocks later).
	pub async fn at_best(&self) -> Result<AtBlock> {
		let best = self
			.rpc
			.chain_get_block_hash(None)
			.await
			.map_err(|error| self.client_error(error))?
			.ok_or_else(|| CliError::Client("the node knows no best block".into()))?;
		self.client
			.at_block(BlockRef::from_hash(best))
			.await
			.map_err(|error| self.client_error(error))
	}

	/// Signs `call` with `signer`, sends it and waits until it is in a block; returns its
	/// events, or the pallet error it failed with.
	pub async fn submit<Call: Payload>(&self, call: &Call, signer: &Keypair) -> Result<Included> {
		let at = self.at_best().await?;
		let mut progress = at
			.transactions()
			.sign_and_submit_then_watch_default(call, signer)
			.await
			.map_err(|error| CliError::Rejected(error.to_string()))?;
		while let Some(status) = progress.next().await {
			let status = status.map_err(|error| CliError::Client(error.to_string()))?;
			match status {
				TransactionStatus::InBestBlock(in_block)
				| TransactionStatus::InFinalizedBlock(in_block) => {
					let events = in_block.wait_for_success().await.map_err(dispatch_error)?;
					return Ok(Included { events });
				},
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => return Err(CliError::Rejected(message)),
				_ => continue,
			}
		}
		Err(CliError::Client("the node stopped reporting on the transaction".into()))
	}

	fn client_error(&self, error: impl std::fmt::Display) -> CliError {
		CliError::Unreachable { url: self.url.clone(), reason: error.to_string() }
	}
}

/// A transaction in a block: its events.
pub struct Included {
	/// The transaction's events.
	pub events: ExtrinsicEvents<Config>,
}

impl Included {
	/// The first event `E` of the transaction.
	pub fn event<E: subxt::events::DecodeAsEvent>(&self) -> Result<E> {
		self.events
			.find_first::<E>()
			.ok_or_else(|| CliError::Client(format!("no {} event", std::any::type_name::<E>())))?
			.map_err(|error| CliError::Client(error.to_string()))
	}
}

/// A failed dispatch as `pallet.Error: docs` from the metadata.
fn dispatch_error(error: TransactionEventsError) -> CliError {
	match error {
		TransactionEventsError::ExtrinsicFailed(DispatchError::Module(module)) => {
			match module.details() {
				Ok(details) => CliError::Dispatch {
					pallet: lower_first(details.pallet.name()),
					error: details.variant.name.clone(),
					docs: details.variant.docs.join(" "),
				},
				Err(_) => CliError::Client(module.to_string()),
			}
		},
		TransactionEventsError::ExtrinsicFailed(other) => {
			CliError::Chain(format!("the call failed: {other}"))
		},
		other => CliError::Client(other.to_string()),
	}
}

/// `Policy` → `policy`, as polkadot.js names pallets.
fn lower_first(name: &str) -> String {
	let mut chars = name.chars();
	chars
		.next()
		.map(|first| first.to_lowercase().chain(chars).collect())
		.unwrap_or_default()
}

/// A bounded vector of the runtime from a vector.
pub fn bounded<T>(items: Vec<T>) -> BoundedVec<T> {
	BoundedVec(items)
}

/// The number of 10⁻¹² parts of one NKMS.
pub const PLANCK_PER_NKMS: Balance = 1_000_000_000_000;

/// An amount of NKMS as typed: `20000`, `0.5`, `1_000.25` (at most 12 decimals).
pub fn parse_nkms(text: &str) -> Result<Balance> {
	let bad = || CliError::Input(format!("not an amount of NKMS: {text}"));
	let cleaned: String = text.trim().chars().filter(|c| *c != '_').collect();
	let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
	if whole.is_empty() && fraction.is_empty() || fraction.len() > 12 {
		return Err(bad());
	}
	let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
	if !digits(whole) || !digits(fraction) {
		return Err(bad());
	}
	let whole: Balance = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: Balance = format!("{fraction:0<12}").parse().map_err(|_| bad())?;
	whole
		.checked_mul(PLANCK_PER_NKMS)
		.and_then(|w| w.checked_add(fraction))
		.ok_or_else(bad)
}

/// An amount in NKMS, as shown: `1.5 NKMS`, trailing zeros dropped.
pub fn format_nkms(amount: Balance) -> String {
	let whole = amount / PLANCK_PER_NKMS;
	let fraction = amount % PLANCK_PER_NKMS;
	if fraction == 0 {
		return format!("{whole} NKMS");
	}
	let fraction = format!("{fraction:012}");
	format!("{whole}.{} NKMS", fraction.trim_end_matches('0'))
}

/// An account given as SS58 or 0x-hex.
pub fn parse_account(text: &str) -> Result<Account> {
	if let Some(bytes) = crate::keys::parse_hex(text).filter(|bytes| bytes.len() == 32) {
		let bytes: [u8; 32] = bytes.try_into().map_err(|_| bad_account(text))?;
		return Ok(Account::from(bytes));
	}
	text.parse::<Account>().map_err(|_| bad_account(text))
}

fn bad_account(text: &str) -> CliError {
	CliError::Input(format!("not an account (SS58 or 0x-hex of 32 bytes): {text}"))
}

/// A 32-byte id (a policy's) given as 0x-hex.
pub fn parse_id(text: &str, what: &str) -> Result<[u8; 32]> {
	crate::keys::parse_hex(text)
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| CliError::Input(format!("not a {what} (0x and 64 hex digits): {text}")))
}

/// 0x-hex of bytes.
pub fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_of_nkms_parse_and_print() {
		assert_eq!(parse_nkms("20000").unwrap(), 20_000 * PLANCK_PER_NKMS);
		assert_eq!(parse_nkms("0.5").unwrap(), PLANCK_PER_NKMS / 2);
		assert_eq!(parse_nkms("1_000.000000000001").unwrap(), 1_000 * PLANCK_PER_NKMS + 1);
		assert_eq!(parse_nkms(".25").unwrap(), PLANCK_PER_NKMS / 4);
		for bad in ["", ".", "1.0000000000001", "-1", "1e3", "1.2.3", "340282366920938463464000000"]
		{
			assert!(parse_nkms(bad).is_err(), "{bad}");
		}
		assert_eq!(format_nkms(20_000 * PLANCK_PER_NKMS), "20000 NKMS");
		assert_eq!(format_nkms(1_500_000_000_000), "1.5 NKMS");
		assert_eq!(format_nkms(1), "0.000000000001 NKMS");
	}

	#[test]
	fn accounts_parse_from_ss58_and_hex() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let account = parse_account(alice).unwrap();
		assert_eq!(parse_account(&hex0x(&account.0)).unwrap(), account);
		assert!(parse_account("5Grwva").is_err());
		assert!(parse_id("0x12", "policy id").is_err());
	}
}
