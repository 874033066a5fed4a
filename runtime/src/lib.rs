//! # NKMS Chain runtime
//!
//! The state transition function of NKMS Chain, a decentralized key management system. This
//! foundation composes the standard FRAME pallets a solochain needs (accounts and the NKMS token,
//! Aura block production, GRANDPA finality, transaction fees, sudo) with the protocol pallets:
//! staking and policies (re-encryption comes next).
//!
//! The native token is **NKMS** with [`TOKEN_DECIMALS`] decimals: one NKMS is [`UNIT`] planck.
//! Its symbol, decimals and SS58 prefix ([`TOKEN_SYMBOL`], [`TOKEN_DECIMALS`], [`SS58_PREFIX`])
//! are also the chain spec's properties, so wallets show NKMS without configuration.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` expands to deeply nested types.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

// Declared first: its `define_benchmarks!` macros are used by `apis`.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod duties;
pub mod genesis_config_presets;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The keys a validator registers with `session.setKeys`: Aura for authoring, GRANDPA for
	/// finality, and `nkms` for its off-chain worker.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
		/// The off-chain worker's `nkms` key (key type `nkms`, sr25519).
		pub nkms: Staking,
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("nkms"),
	impl_name: alloc::borrow::Cow::Borrowed("nkms-node"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Target block time. Aura's slot duration; it cannot change once the chain runs.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura's slot duration, equal to the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// The token's symbol, shown by wallets.
pub const TOKEN_SYMBOL: &str = "NKMS";
/// Decimal places of the NKMS token.
pub const TOKEN_DECIMALS: u8 = 12;
/// The SS58 address prefix (42: the generic Substrate prefix).
pub const SS58_PREFIX: u16 = 42;

/// One NKMS in planck, the smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of an NKMS.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// One millionth of an NKMS.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;

/// The least balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The least active stake of a validator: ten thousand NKMS.
pub const MIN_STAKE: Balance = 10_000 * UNIT;
/// Unbonded stake stays held (and slashable) for seven days.
pub const UNBONDING_PERIOD: BlockNumber = 7 * DAYS;
/// The shortest session any chain spec uses (the dev and local chains'): one minute.
pub const MIN_SESSION_LENGTH: BlockNumber = MINUTES;

/// Signature of a transaction.
pub type Signature = MultiSignature;

/// An account: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in planck.
pub type Balance = u128;

/// Number of transactions an account has sent.
pub type Nonce = u32;

/// A hash of the chain.
pub type Hash = sp_core::H256;

/// A block number.
pub type BlockNumber = u32;

/// The address format of a transaction's sender.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions, checked in this order for every signed transaction.
pub type TxExtension = (
	// General transactions authorized by their call (the nodes' answers, signed by their
	// `nkms` keys, without an account nonce); it encodes to nothing.
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Calls marked `feeless_if` pay nothing when their condition holds (answers of the nodes'
	// off-chain workers, their Umbral key registrations); the encoding is that of
	// `ChargeTransactionPayment`, so wallets see no difference.
	duties::DutiesFirst,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Extrinsic type of this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload signed by a transaction's sender.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Staking's genesis bonds the validators that Session's genesis then asks it to elect.
	#[runtime::pallet_index(4)]
	pub type Authorship = pallet_authorship;

	#[runtime::pallet_index(5)]
	pub type Staking = pallet_nkms_staking;

	#[runtime::pallet_index(6)]
	pub type Offences = pallet_offences;

	#[runtime::pallet_index(7)]
	pub type Historical = pallet_session::historical;

	#[runtime::pallet_index(8)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(9)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(10)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(11)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(12)]
	pub type Policy = pallet_nkms_policy;

	#[runtime::pallet_index(13)]
	pub type Reencryption = pallet_nkms_reencryption;

	#[runtime::pallet_index(14)]
	pub type SkipFeelessPayment = pallet_skip_feeless_payment;
}
